"""Demo content for Værktøjskassen: deterministic Danish specs (text.py),
Pillow images and small documents (media.py), fixed pages (content.py),
get-or-create builders (builders.py) and bulk synthetic content (scale.py).
Run through `manage.py load_demo`."""
