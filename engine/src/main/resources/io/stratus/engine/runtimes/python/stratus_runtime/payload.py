"""Event decoding and result encoding, with Lambda's Python runtime rules.

- An event whose content type is JSON (or absent) is parsed; any other content type reaches the handler as bytes.
  Unparseable JSON is a `Runtime.UnmarshalError`.
- A bytes result is posted as is (content type application/unknown); anything else is encoded as JSON, with
  Python's default separators. A value JSON cannot hold is a `Runtime.MarshalError`.
- Lambda's encoder also takes decimal.Decimal (boto3 returns DynamoDB numbers as Decimal): here an integral
  Decimal becomes an int and any other a float (Lambda writes the Decimal's own digits; the value is the same
  unless it has more digits than a float holds).
- From Python 3.12 on, Lambda stopped escaping non-ASCII characters (ensure_ascii=False); earlier runtimes escape.

Speed: importing the `json` package costs 7-10 ms at start-up, nearly all of it `re` (json.decoder compiles
regular expressions at import). The runtime drives the C accelerator `_json` directly instead, building its
scanner and encoder with exactly the arguments json.JSONDecoder and json.JSONEncoder pass it (the same in
3.9-3.13), so results are byte-identical. Whenever that fast path is unavailable or fails (invalid JSON, a BOM,
UTF-16, a value it rejects) the `json` package is imported and does the work, producing its usual results and
error messages.
"""
import sys

from . import faults

try:
    import _json
except ImportError:  # an interpreter without the accelerator: the json package does everything
    _json = None

_ENSURE_ASCII = sys.version_info < (3, 12)
_JSON_WHITESPACE = " \t\n\r"


def _default(value):
    decimal = sys.modules.get("decimal")  # no Decimal can exist unless its module was imported
    if decimal is not None and isinstance(value, decimal.Decimal):
        if value.is_finite() and value == value.to_integral_value():
            return int(value)
        return float(value)
    raise TypeError("Object of type %s is not JSON serializable" % type(value).__name__)


class _DecoderSettings:
    """The attributes _json.make_scanner reads, with json.JSONDecoder's defaults."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = {"-Infinity": float("-inf"), "Infinity": float("inf"), "NaN": float("nan")}.__getitem__


def _fast_scanner():
    try:
        return _json.make_scanner(_DecoderSettings())
    except Exception:
        return None


def _fast_quote(ensure_ascii):
    try:
        return _json.encode_basestring_ascii if ensure_ascii else _json.encode_basestring
    except AttributeError:
        return None


_SCAN = _fast_scanner() if _json is not None else None
_QUOTE = _fast_quote(_ENSURE_ASCII) if _json is not None else None


def loads(data):
    """json.loads for bytes or str."""
    if _SCAN is not None:
        try:
            text = data.decode("utf-8") if isinstance(data, (bytes, bytearray)) else data
            start = len(text) - len(text.lstrip(_JSON_WHITESPACE))
            value, end = _SCAN(text, start)
            if end == len(text) or not text[end:].strip(_JSON_WHITESPACE):
                return value
        except Exception:
            pass  # the json package below gives the verdict and the message
    import json
    return json.loads(data)


def dumps(value, ensure_ascii=_ENSURE_ASCII):
    """json.dumps(value, ensure_ascii=..., default=<Decimal-aware>) as str."""
    if _QUOTE is not None and ensure_ascii == _ENSURE_ASCII:
        if type(value) is str:
            return _QUOTE(value)
        # A new encoder each time: the circular-reference markers of one that failed midway are not cleared.
        # Arguments: markers, default, string encoder, indent, key and item separators, sort_keys, skipkeys,
        # allow_nan, as json.JSONEncoder passes them by default.
        encode = _json.make_encoder({}, _default, _QUOTE, None, ": ", ", ", False, False, True)
        return "".join(encode(value, 0))  # a failure here is the one json.dumps would raise
    import json
    return json.dumps(value, ensure_ascii=ensure_ascii, default=_default)


def decode_event(body, content_type):
    """The event for the handler: parsed JSON, or the raw bytes for a non-JSON content type."""
    if content_type and not content_type.startswith("application/json"):
        return body
    try:
        return loads(body)
    except Exception as e:
        raise faults.Fault(faults.UNMARSHAL_ERROR, "Unable to unmarshal input: %s" % e)


def encode_result(result):
    """(body bytes, content type) for the handler's return value."""
    if isinstance(result, bytes):
        return result, "application/unknown"
    try:
        return dumps(result).encode("utf-8"), "application/json"
    except Exception as e:
        raise faults.Fault(faults.MARSHAL_ERROR, "Unable to marshal response: %s" % e)


def encode_error(body):
    """The error JSON as bytes; falls back to ASCII escapes for text UTF-8 cannot carry (lone surrogates)."""
    try:
        return dumps(body).encode("utf-8")
    except Exception:
        return dumps(body, ensure_ascii=True).encode("ascii")
