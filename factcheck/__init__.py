"""factcheck: find every figure in an article and prove it against a brief's facts.

Depends on pydantic only; importing it never imports openai, yfinance or pandas.
"""
