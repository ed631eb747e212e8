"""Demo content for Værktøjskassen: deterministic Danish specs (text.py),
Pillow images and small documents (media.py), fixed pages (content.py),
get-or-create builders over the apps' factories (builders.py) and bulk
synthetic content built by the same factories (scale.py). Run through
`manage.py load_demo`."""
