from django.contrib.auth.models import AbstractUser
from django.db import models

from resettle.estate.models import Prison


class User(AbstractUser):
    """A person who signs in to Resettle.

    `caseload_prison` is the prison whose caseload he works on (NOMIS calls it the active caseload);
    what he may see is decided by his roles, not by this field alone.
    """

    caseload_prison = models.ForeignKey(
        Prison, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
