"""Post HTML nested deeper than the site's renderer shows, flattened so that no text is lost.

postbag.markdown renders blocks nested up to markdown-it's limit (BLOCK_NESTING, where a
list level counts two and a quotation one) and drops whatever lies deeper, text and all.
An import must not write Markdown that loses words when it is shown, so lists and
quotations nested deeper than NESTING_BUDGET (a few levels short of that limit, for the
paragraph or table a level may hold) are flattened into the deepest level allowed: a list
item too deep joins the list at that level, after the item it was in; a quotation too deep
joins its words to the quotation around it.
"""

import re

from bs4 import BeautifulSoup

# What each level costs, as markdown-it counts it: a list is a list and its item.
_COST = {"ul": 2, "ol": 2, "blockquote": 1}
# 8 list levels, or 16 quotation levels, or a mix costing the same: the renderer shows 19.
NESTING_BUDGET = 16
_OPENING = re.compile(r"<(ul|ol|blockquote)\b", re.I)


def might_be_too_deep(html_text) -> bool:
    """Whether `html_text` has enough list and quotation tags to nest past the budget: a
    quick look at the text, so that most posts are never parsed here."""
    return sum(_COST[name.lower()] for name in _OPENING.findall(html_text)) > NESTING_BUDGET


def flatten_deep_nesting(html_text) -> tuple[str, int]:
    """(`html_text` with lists and quotations nested past NESTING_BUDGET flattened into the
    deepest level allowed, how many were flattened). Every word stays, in its order."""
    if not might_be_too_deep(html_text):
        return html_text, 0
    soup = BeautifulSoup(html_text, "html.parser")
    flattened = 0
    # In document order, so an outer element is flattened before those inside it, and
    # each is measured by the parents it has by then.
    for element in soup.find_all(list(_COST)):
        if element.parent is None:
            continue
        cost = _COST[element.name] + sum(_COST.get(parent.name, 0) for parent in element.parents)
        if cost <= NESTING_BUDGET:
            continue
        flattened += 1
        item = element.parent
        if element.name != "blockquote" and item.name == "li" and item.parent is not None:
            # The items join the list their list was in, right after the item that held it.
            for child in reversed(element.find_all("li", recursive=False)):
                item.insert_after(child.extract())
            element.unwrap()  # anything else in it (stray text) stays in the item
        elif element.name != "blockquote":
            for child in element.find_all("li", recursive=False):
                child.name = "p"  # a list with no list to join: its items as paragraphs
            element.unwrap()
        else:
            element.unwrap()
    return str(soup), flattened
