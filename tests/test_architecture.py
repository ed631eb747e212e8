"""The layers drawn in docs/architecture.md hold in the code: every import of
a project module, at module level or inside a function, goes to the same
layer or a lower one."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = (
    "core",
    "toolbox",
    "cases",
    "search",
    "figures",
    "competence",
    "privacy",
    "portal",
)


def layer_table():
    """[(prefix, layer)] in the doc's order, and the layers from high to low."""
    text = (ROOT / "docs" / "architecture.md").read_text()
    block = re.search(r"```layers\n(.*?)```", text, re.S).group(1)
    prefixes, order = [], []
    for line in block.strip().splitlines():
        layer, paths = line.split(":", 1)
        order.append(layer.strip())
        prefixes.extend((path, layer.strip()) for path in paths.split())
    return prefixes, order


def source_files():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path.relative_to(ROOT).as_posix()


def module_file(name, files):
    parts = name.split(".")
    while parts:
        for candidate in (
            "/".join(parts) + ".py",
            "/".join(parts) + "/__init__.py",
        ):
            if candidate in files:
                return candidate
        parts.pop()
    return None


def imports(path, files):
    tree = ast.parse((ROOT / path).read_text())
    package = path.rsplit("/", 1)[0].replace("/", ".")
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            names = [f"{base}.{alias.name}" for alias in node.names] or [base]
        else:
            continue
        for name in names:
            target = module_file(name, files)
            if target and target != path:
                yield node.lineno, target


def test_the_layer_table_covers_every_module():
    prefixes, _order = layer_table()
    files = set(source_files())
    assert files
    for path in files:
        assert any(path.startswith(prefix) for prefix, _ in prefixes), path


def test_no_module_imports_a_higher_layer():
    prefixes, order = layer_table()
    rank = {layer: len(order) - position for position, layer in enumerate(order)}

    def layer_of(path):
        return next(layer for prefix, layer in prefixes if path.startswith(prefix))

    files = set(source_files())
    upward = [
        f"{path}:{line} ({layer_of(path)}) imports {target} ({layer_of(target)})"
        for path in sorted(files)
        for line, target in imports(path, files)
        if rank[layer_of(target)] > rank[layer_of(path)]
    ]
    assert upward == []
