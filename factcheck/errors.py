"""Errors the checker raises.  The CLI alone turns them into exit codes.

CheckError
 └── MalformedInput   an article or brief that cannot be read (exit 2)
      └── TooLarge    an article beyond what any article is (bounded work, exit 2)
"""


class CheckError(Exception):
    exit_code = 2


class MalformedInput(CheckError):
    exit_code = 2


class TooLarge(MalformedInput):
    pass
