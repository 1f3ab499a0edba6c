"""``python -m kazbook.notebooks --out notebooks --site _build/html`` (``make notebooks``)."""

import sys

from kazbook.notebooks.write import main

sys.exit(main())
