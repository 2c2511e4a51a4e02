import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Fail at start, not on the first request: Django refuses an empty SECRET_KEY when it is read.
_ = settings.SECRET_KEY
