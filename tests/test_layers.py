"""The layers of design.md, enforced: a lower layer never imports a higher one.

postbag ← advice, articles ← pages, comments, newsletter, wpimport, demo ← config. The two
content apps never import each other, and the top apps don't import each other either. An import is
any `import`/`from … import` statement, at module level or inside a function, and any
`apps.get_model("app.Model")` with a literal label (an import by another name).
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LAYERS = {
    "postbag": 0,
    "advice": 1,
    "articles": 1,
    "pages": 2,
    "comments": 2,
    "newsletter": 2,
    "wpimport": 2,
    "demo": 2,
    "config": 3,
}


def imported_apps(source):
    """The project's top-level packages that `source` (Python text) imports, with lines."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(alias.name.split(".")[0], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module.split(".")[0], node.lineno))
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) == "get_model"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.args[0].value.split(".")[0], node.lineno))
    return [(app, line) for app, line in found if app in LAYERS]


def modules_of(app):
    folder = ROOT / app
    return sorted(
        path
        for path in folder.rglob("*.py")
        if "migrations" not in path.parts and "tests" not in path.parts
    )


def violations(app):
    """Each import of `app`'s code that breaks the layers, as "file:line imports x"."""
    found = []
    for path in modules_of(app):
        for imported, line in imported_apps(path.read_text()):
            if imported == app:
                continue
            if LAYERS[imported] >= LAYERS[app]:
                found.append(f"{path.relative_to(ROOT)}:{line} imports {imported}")
    return found


@pytest.mark.parametrize("app", sorted(LAYERS))
def test_no_layer_imports_one_above_it_or_beside_it(app):
    if not (ROOT / app).is_dir():
        pytest.skip(f"{app}/ does not exist")
    assert violations(app) == []


def test_the_check_itself_sees_hidden_imports():
    source = (
        "from articles.models import Article\n"
        "def f():\n"
        "    import pages.views\n"
        "    return apps.get_model('advice.Letter')\n"
    )
    assert imported_apps(source) == [("articles", 1), ("pages", 3), ("advice", 4)]


def test_no_module_of_app_code_is_too_long_to_read():
    """About 400 lines at most (data files aside): a longer module holds two jobs."""
    long = [
        f"{path.relative_to(ROOT)}: {len(path.read_text().splitlines())} lines"
        for app in LAYERS
        for path in modules_of(app)
        if len(path.read_text().splitlines()) > 420
    ]
    assert long == []
