"""schemathesis hooks for tessera's OpenAPI check: WHIP bodies are text
(an SDP offer, an SDP fragment), sent as the string the schema generates."""
import schemathesis


@schemathesis.serializer("application/sdp", "application/trickle-ice-sdpfrag")
def text_body(ctx, value):
    if value is None:
        return b""
    return value.encode("utf-8", "surrogatepass") if isinstance(value, str) else str(value).encode()
