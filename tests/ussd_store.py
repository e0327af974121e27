"""An app's USSD session store as tests handle it: its writes sent now, started afresh, stopped with the app."""
from core.platform import runtime
from ussd import views
from ussd.sessions import Sessions


def flush():
    """Send the current app's pending session writes now (before a worker run in the test's process)."""
    views.sessions().writer.flush()


def reset():
    """Start the current app's USSD afresh, as another process would: no sessions in memory, no cached live jobs."""
    services = runtime.current()
    views.sessions().writer.close()
    services.extensions[views.EXTENSION] = Sessions(services)
    services.live_jobs.snapshot = None


def close(app):
    """Stop the app's session writer (an app the test is done with)."""
    runtime.services_of(app).extensions[views.EXTENSION].writer.close()
