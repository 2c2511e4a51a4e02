"""Where CRDS's own test cases are: RESETTLE_CRD_FIXTURES, else the shared folder beside the repository.
They are never copied into the repository."""

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
CRD_FIXTURES = Path(os.environ.get("RESETTLE_CRD_FIXTURES", REPO_ROOT.parent / "shared" / "crd-fixtures"))
