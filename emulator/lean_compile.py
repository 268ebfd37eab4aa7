"""Compile a QuantConnect Python project the way the emulator needs it.

Reads {"files": [{"name", "content"}]} as JSON on stdin and writes
{"errors": [{file, line, column, message}], "parameters": [{file, parameters}]}
on stdout.

Syntax errors come from Python's own compile(). Parameter detection walks
each file's syntax tree and counts hard-coded numbers the way QuantConnect
describes its overfitting guide. It is an approximation: QuantConnect's own
rules are not public, so counts and wording can differ from the real ones.
"""

import ast
import json
import sys

# Calls whose numbers QuantConnect says it does not count.
IGNORED_CALLS = {
    "set_start_date", "set_end_date", "set_cash",
    "SetStartDate", "SetEndDate", "SetCash",
    "debug", "log", "error", "quit", "print",
    "Debug", "Log", "Error", "Quit",
}

ORDER_CALLS = {
    "market_order", "limit_order", "stop_market_order", "stop_limit_order",
    "market_on_open_order", "market_on_close_order", "limit_if_touched_order",
    "trailing_stop_order", "order", "set_holdings", "combo_market_order",
    "MarketOrder", "LimitOrder", "StopMarketOrder", "StopLimitOrder",
    "MarketOnOpenOrder", "MarketOnCloseOrder", "LimitIfTouchedOrder",
    "TrailingStopOrder", "Order", "SetHoldings",
}

# Indicator and helper classes that are constructed directly.
LEAN_CLASSES = {
    "SimpleMovingAverage", "ExponentialMovingAverage", "RelativeStrengthIndex",
    "BollingerBands", "MovingAverageConvergenceDivergence", "Momentum",
    "MomentumPercent", "RateOfChange", "AverageTrueRange", "RollingWindow",
    "StandardDeviation", "Maximum", "Minimum", "KeltnerChannels",
    "TradeBarConsolidator", "QuoteBarConsolidator", "InsightWeightingPortfolioConstructionModel",
    "Insight",
}

# Names that hold the algorithm in helper modules (`algorithm.sma(...)`).
ALGORITHM_NAMES = {"self", "algorithm", "algo", "qc_algorithm"}

SCHEDULE_RULES = {"time_rules", "date_rules", "TimeRules", "DateRules"}

KIND_ORDER = [
    "comparison", "time span", "order quantity", "scheduled event",
    "LEAN API", "numeric assignment", "arithmetic",
]


def call_name(func):
    """The called name: `sma` for self.sma(...), `timedelta` for timedelta(...)."""
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Subscript):  # RollingWindow[float](10)
        return call_name(func.value)
    return None


def call_owner(func):
    """The dotted name a method is called on: `self.time_rules` for self.time_rules.at."""
    if not isinstance(func, ast.Attribute):
        return None
    parts = []
    node = func.value
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def call_kind(call, own_methods):
    """The kind of parameter a number passed to this call is, or None."""
    name = call_name(call.func)
    owner = call_owner(call.func) or ""
    if name == "timedelta" or owner.endswith("TimeSpan"):
        return "time span"
    if owner.split(".")[-1] in SCHEDULE_RULES:
        return "scheduled event"
    if name in ORDER_CALLS:
        return "order quantity"
    if name in LEAN_CLASSES:
        return "LEAN API"
    if owner in ALGORITHM_NAMES and name not in own_methods:
        return "LEAN API"
    return None


def numeric_literals(tree):
    """Every number written in the source, with `-5` read as one number."""
    negated = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            if is_number(node.operand):
                negated.add(id(node.operand))
                yield node
    for node in ast.walk(tree):
        if is_number(node) and id(node) not in negated:
            yield node


def is_number(node):
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, (int, float, complex))
        and not isinstance(node.value, bool)
    )


def ancestors(number, parents):
    """(child, parent) pairs from the number up to its module."""
    child = number
    node = parents.get(id(child))
    while node is not None:
        yield child, node
        child = node
        node = parents.get(id(child))


def is_excluded(number, parents):
    """Numbers in strings, indexes, default arguments and ignored calls."""
    for child, node in ancestors(number, parents):
        if isinstance(node, (ast.JoinedStr, ast.Slice, ast.arguments)):
            return True
        if isinstance(node, ast.Subscript) and child is node.slice:
            return True
        if isinstance(node, ast.Call) and call_name(node.func) in IGNORED_CALLS:
            return True
    return False


def classify(number, parents, own_methods):
    """The kind of the nearest node that makes a number a parameter."""
    if is_excluded(number, parents):
        return None
    for child, node in ancestors(number, parents):
        if isinstance(node, ast.Call):
            if child is node.func:
                return None
            kind = call_kind(node, own_methods)
            return (kind, node) if kind else None
        if isinstance(node, ast.Compare):
            return ("comparison", node)
        if isinstance(node, (ast.BinOp, ast.AugAssign)):
            return ("arithmetic", node)
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            return ("numeric assignment", node) if child is node.value else None
        if isinstance(node, ast.stmt):
            return None
    return None


def span_order(node):
    """Earlier start first; of two starting together, the longer one."""
    return (node.lineno, node.col_offset, -node.end_lineno, -node.end_col_offset)


def snippet(source, node):
    text = ast.get_source_segment(source, node) or ""
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:77] + "..."


def describe(count, kind, near):
    noun = "parameter" if count == 1 else "parameters"
    return f'{count} {kind} {noun} detected near "{near}".'


def detect_parameters(source, tree):
    parents = {}
    own_methods = set()
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            own_methods.add(node.name)

    # One entry per line and kind, named after the construct of that kind
    # that starts first on the line (the outermost one when they nest).
    groups = {}
    for number in numeric_literals(tree):
        found = classify(number, parents, own_methods)
        if found is None:
            continue
        kind, node = found
        groups.setdefault((node.lineno, kind), []).append(node)

    entries = []
    for (line, kind), group in sorted(
        groups.items(), key=lambda item: (item[0][0], KIND_ORDER.index(item[0][1]))
    ):
        first = min(group, key=span_order)
        near = snippet(source, first)
        entries.append({"line": line, "type": describe(len(group), kind, near)})
    return entries


def check_file(name, content):
    """Returns (error or None, detected parameters)."""
    try:
        compile(content, name, "exec", dont_inherit=True)
    except SyntaxError as error:
        return {
            "file": name,
            "line": error.lineno or 1,
            "column": error.offset or 1,
            "message": error.msg,
        }, []
    except (ValueError, RecursionError) as error:  # a null byte, deep nesting
        return {"file": name, "line": 1, "column": 1, "message": str(error)}, []
    return None, detect_parameters(content, ast.parse(content, name))


def main():
    request = json.load(sys.stdin)
    errors = []
    parameters = []
    for file in request["files"]:
        if not file["name"].endswith(".py"):
            continue
        error, found = check_file(file["name"], file["content"])
        if error:
            errors.append(error)
        if found:
            parameters.append({"file": file["name"], "parameters": found})
    json.dump({"errors": errors, "parameters": parameters}, sys.stdout)


if __name__ == "__main__":
    main()
