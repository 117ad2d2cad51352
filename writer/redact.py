"""Secrets out of everything writer prints or stores.

`OPENAI_BASE_URL=http://svc:PASSWORD@host/v1` and `...?api-key=SECRET` are common ways to
reach a proxy or an Azure deployment; an error message, a progress line or an audit-log row
that repeats the URL would publish the secret.  `redact` removes URL userinfo and the values of
credential-like query parameters, and any secret taken from the environment wherever it occurs
(an exception's text may quote it in another form).
"""

from __future__ import annotations

import os
import re
from urllib.parse import parse_qsl, unquote, urlsplit

from factcheck.report import printable

__all__ = ["MASK", "env_secrets", "printable", "redact"]

MASK = "***"
#: Query parameters whose value is a credential (compared lower-case, "-" read as "_").
_SECRET_PARAMS = frozenset(
    {"key", "api_key", "apikey", "token", "access_token", "secret", "password", "sig", "code"}
)
#: `scheme://userinfo@`, tried only where a run of scheme characters begins (the scheme is
#: from its first letter), so a long word is not read to its end once per letter in it.
_USERINFO_RE = re.compile(
    r"(?<![a-z0-9+.\-])(?P<lead>[0-9+.\-]*+)(?P<scheme>[a-z][a-z0-9+.\-]*+://)[^/@\s]++@",
    re.IGNORECASE,
)
_PARAM_RE = re.compile(r"(?P<name>[?&][\w.-]+)=(?P<value>[^&#\s]*)")


def _secret_param(name: str) -> bool:
    return name.lstrip("?&").lower().replace("-", "_") in _SECRET_PARAMS


def env_secrets() -> list[str]:
    """Secret values in the environment's endpoint settings (the key, URL credentials)."""
    out = []
    key = os.environ.get("OPENAI_API_KEY")
    if key and len(key) >= 8:
        out.append(key)
    url = os.environ.get("OPENAI_BASE_URL") or ""
    parts = urlsplit(url)
    for value in (parts.password, parts.username if parts.password is None else None):
        if value and len(value) >= 4:
            out += [value, unquote(value)]
    out += [v for k, v in parse_qsl(parts.query) if _secret_param(k) and len(v) >= 4]
    return sorted(set(out), key=len, reverse=True)


def redact(text: str) -> str:
    """`text` without URL credentials or secret values from the environment."""
    text = _USERINFO_RE.sub(lambda m: f"{m.group('lead')}{m.group('scheme')}{MASK}@", text)
    text = _PARAM_RE.sub(
        lambda m: f"{m.group('name')}={MASK}" if _secret_param(m.group("name")) else m.group(0),
        text,
    )
    for secret in env_secrets():
        text = text.replace(secret, MASK)
    return text
