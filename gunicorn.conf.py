"""gunicorn settings for Postbag: `gunicorn config.wsgi` picks this file up by itself."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = 30
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak can never grow without bound.
max_requests = 2000
max_requests_jitter = 200

accesslog = "-"
errorlog = "-"
# No client address (%(h)s) and no query string: a reader's IP is never logged, and the
# only form that carries a secret (the receipt code) is POSTed, not put in a URL.
access_log_format = '"%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms "%(f)s" "%(a)s"'
