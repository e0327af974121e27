"""What `scripts/serve` (and so `./run`) serves: the WSGI app behind a front that reads each request whole, on
granian's event loop and within a deadline, before a thread is given to it.

Granian's WSGI interface hands a request to the worker's blocking thread as soon as its headers are in; a client
that then sends its body slowly (or never) holds that thread, and with it the worker: two such connections stopped
/ussd, /sms and /voice on a 2-worker server for as long as they stayed open (issue 23). Granian bounds the time to
read headers (`--http1-header-read-timeout`) but not a body. So the server speaks granian's own async interface
(RSGI; ASGI works too) here: waiting on a slow client costs a coroutine, not a thread; a body not complete within
`[web] body_seconds` (or longer than the app's MAX_REQUEST_BYTES) is answered 408 (413) and the app never sees it;
only a whole request reaches the unchanged WSGI app. Production still belongs behind a buffering reverse proxy (README);
this keeps the service alive without one. Measured on this 2-core machine (wrk, 16 connections, a USSD step): the
WSGI interface served 22,000 requests/s, this front 12,000/s on RSGI and 9,500/s on ASGI.
"""
import asyncio
import io
import sys
from concurrent.futures import ThreadPoolExecutor

from app import MAX_REQUEST_BYTES, create_app
from core.platform import runtime


class BufferedFront:
    """An ASGI app that reads a request's body within a deadline, then runs a WSGI app on it in a thread."""

    def __init__(self, wsgi_app, threads, body_seconds, max_body=MAX_REQUEST_BYTES):
        self.wsgi_app = wsgi_app
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="wsgi") if threads else None
        self.body_seconds = body_seconds
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            return await _lifespan(receive, send)
        if scope["type"] != "http":
            return None
        headers = [(name.decode("latin-1").lower(), value.decode("latin-1")) for name, value in scope["headers"]]
        length = next((value for name, value in headers if name == "content-length"), None)
        if length is not None and (not length.strip().isdigit() or int(length) > self.max_body):
            return await _plain(send, 413, b"Request too large")
        try:
            body = await asyncio.wait_for(self._body(receive), self.body_seconds)
        except asyncio.TimeoutError:
            return await _plain(send, 408, b"Request body too slow")
        except _TooLarge:
            return await _plain(send, 413, b"Request too large")
        except _Gone:
            return None
        environ = _environ(scope, headers, body)
        if self.pool is None:  # the app runs on the loop's thread: one request at a time, as one blocking thread did
            status, response_headers, chunks = _run(self.wsgi_app, environ)
        else:
            status, response_headers, chunks = await asyncio.get_running_loop().run_in_executor(
                self.pool, _run, self.wsgi_app, environ)
        await send({"type": "http.response.start", "status": status,
                    "headers": [(name.encode("latin-1"), value.encode("latin-1")) for name, value in response_headers]})
        await send({"type": "http.response.body", "body": b"".join(chunks)})
        return None

    async def __rsgi__(self, scope, protocol):
        """The same on granian's own interface (RSGI), which costs less per request than ASGI."""
        if scope.proto != "http":
            return None
        headers = [(name.lower(), value) for name, value in scope.headers.items()]
        length = scope.headers.get("content-length")
        if length is not None and (not length.strip().isdigit() or int(length) > self.max_body):
            return _rsgi_plain(protocol, 413, b"Request too large")
        try:
            # asyncio.timeout, not wait_for: no task is made per request (a USSD step is a few hundred µs).
            async with asyncio.timeout(self.body_seconds):
                body = await (protocol() if length is not None else self._rsgi_body(protocol))
        except TimeoutError:
            return _rsgi_plain(protocol, 408, b"Request body too slow")
        except _TooLarge:
            return _rsgi_plain(protocol, 413, b"Request too large")
        except Exception:  # the client went away
            return None
        environ = _environ(_RsgiScope(scope), headers, body)
        if self.pool is None:
            status, response_headers, chunks = _run(self.wsgi_app, environ)
        else:
            status, response_headers, chunks = await asyncio.get_running_loop().run_in_executor(
                self.pool, _run, self.wsgi_app, environ)
        protocol.response_bytes(status, response_headers, b"".join(chunks))
        return None

    async def _rsgi_body(self, protocol):
        parts, size = [], 0
        async for chunk in protocol:
            size += len(chunk)
            if size > self.max_body:
                raise _TooLarge
            parts.append(chunk)
        return b"".join(parts)

    async def _body(self, receive):
        parts, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _Gone
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                raise _TooLarge
            parts.append(chunk)
            if not message.get("more_body", False):
                return b"".join(parts)


class _TooLarge(Exception):
    pass


class _Gone(Exception):
    pass


def _run(wsgi_app, environ):
    """Run the WSGI app on a whole request; (status code, headers, body chunks)."""
    started = {}

    def start_response(status, headers, exc_info=None):
        started["status"], started["headers"] = status, headers
        return lambda data: chunks.append(data)

    chunks = []
    result = wsgi_app(environ, start_response)
    try:
        chunks.extend(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return int(started["status"][:3]), started["headers"], chunks


def _environ(scope, headers, body):
    server = scope.get("server") or ("localhost", 80)
    client = scope.get("client") or ("", 0)
    environ = {
        "REQUEST_METHOD": scope["method"],
        "SCRIPT_NAME": scope.get("root_path", "").encode("utf-8").decode("latin-1"),
        "PATH_INFO": scope["path"].encode("utf-8").decode("latin-1"),
        "QUERY_STRING": scope.get("query_string", b"").decode("latin-1"),
        "SERVER_NAME": str(server[0]),
        "SERVER_PORT": str(server[1]),
        "SERVER_PROTOCOL": f"HTTP/{scope.get('http_version', '1.1')}",
        "REMOTE_ADDR": str(client[0]),
        "REMOTE_PORT": str(client[1]),
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scope.get("scheme", "http"),
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    for name, value in headers:
        if name == "content-type":
            environ["CONTENT_TYPE"] = value
        elif name != "content-length":
            key = "HTTP_" + name.upper().replace("-", "_")
            environ[key] = f"{environ[key]},{value}" if key in environ else value
    return environ


def _address(value):
    host, _, port = (value or "").rpartition(":")
    return (host.strip("[]") or value or "", int(port) if port.isdigit() else 0)


class _RsgiScope(dict):
    """An RSGI scope read as the ASGI one `_environ` takes."""

    def __init__(self, scope):
        super().__init__(method=scope.method, path=scope.path, query_string=scope.query_string.encode("latin-1"),
                         server=_address(scope.server), client=_address(scope.client), scheme=scope.scheme,
                         http_version=scope.http_version, root_path="")


def _rsgi_plain(protocol, status, body):
    protocol.response_bytes(status, [("content-type", "text/plain"), ("connection", "close")], body)


async def _plain(send, status, body):
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


async def _lifespan(receive, send):
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


def create_front():
    """granian's factory: the app, behind the front ([web] in the config)."""
    app = create_app()
    web = runtime.services_of(app).config["web"]
    return BufferedFront(app, threads=int(web["threads"]), body_seconds=float(web["body_seconds"]))
