"""gunicorn settings for Postbag: `gunicorn config.wsgi` picks this file up by itself.

Workers: two per core, each with a few threads (gthread). A page spends part of its time
waiting on PostgreSQL and Redis; threads let a worker serve another request meanwhile,
at a fraction of the memory of another process, and a slow client ties up one thread,
not a whole worker. Django is thread-safe; each thread has its own database connection
(or borrows one from the pool with DATABASE_POOL=1).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, multiprocessing.cpu_count() * 2)))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))

# A request that takes longer than this is stuck: the worker is replaced.
timeout = 30
# On SIGTERM or SIGHUP (deploys), requests under way get this long to finish.
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak can never grow without bound.
max_requests = 5000
max_requests_jitter = 500
# Load the app once in the master: workers fork with the code already imported.
preload_app = True

accesslog = "-"
errorlog = "-"
# No client address (%(h)s, X-Forwarded-For) and no query string: a reader's IP is never
# logged, and the one form that carries a secret (the receipt code) is POSTed anyway.
access_log_format = '"%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms "%(a)s"'
# gunicorn's error log names the client of a malformed request ("Invalid request from
# ip=…"): this logger removes every address from both logs.
logger_class = "postbag.log_privacy.PrivateGunicornLogger"


def post_fork(server, worker):
    # Connections opened in the master (while preloading) must not be shared by workers.
    from django.db import connections

    connections.close_all()
