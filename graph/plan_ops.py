"""The plan operators an analyst query may use: reads only, by name, from Neo4j 5.26's planner.

An allow-list rather than a deny-list: the planner calls `SHOW TRANSACTIONS ... TERMINATE
TRANSACTIONS` a read (`query_type == "r"`), so the query type alone does not tell an
administration command from a read. Operators are named without their `@database` suffix and
their parenthesised variant (`Expand(All)` is `Expand`).
"""

from __future__ import annotations

_SCANS_AND_SEEKS = (
    "AllNodesScan",
    "NodeByLabelScan",
    "UnionNodeByLabelsScan",
    "IntersectionNodeByLabelsScan",
    "SubtractionNodeByLabelsScan",
    "NodeIndexSeek",
    "NodeUniqueIndexSeek",
    "NodeIndexSeekByRange",
    "NodeUniqueIndexSeekByRange",
    "NodeIndexScan",
    "NodeIndexContainsScan",
    "NodeIndexEndsWithScan",
    "MultiNodeIndexSeek",
    "AssertingMultiNodeIndexSeek",
    "NodeByIdSeek",
    "NodeByElementIdSeek",
    "NodeCountFromCountStore",
    "RelationshipCountFromCountStore",
    *(
        f"{direction}{kind}"
        for direction in ("Directed", "Undirected")
        for kind in (
            "RelationshipTypeScan",
            "AllRelationshipsScan",
            "UnionRelationshipTypesScan",
            "RelationshipIndexSeek",
            "RelationshipUniqueIndexSeek",
            "RelationshipIndexSeekByRange",
            "RelationshipUniqueIndexSeekByRange",
            "RelationshipIndexScan",
            "RelationshipIndexContainsScan",
            "RelationshipIndexEndsWithScan",
            "RelationshipByIdSeek",
            "RelationshipByElementIdSeek",
        )
    ),
)
_EXPANSIONS = (
    "Expand",
    "OptionalExpand",
    "VarLengthExpand",
    "BFSPruningVarExpand",
    "ShortestPath",
    "StatefulShortestPath",
    "Trail",
    "Repeat",
    "ProjectEndpoints",
    "TriadicSelection",
    "TriadicBuild",
    "TriadicFilter",
)
_ROW_OPERATORS = (
    "ProduceResults",
    "Filter",
    "Projection",
    "Limit",
    "ExhaustiveLimit",
    "Skip",
    "Sort",
    "PartialSort",
    "Top",
    "PartialTop",
    "Distinct",
    "OrderedDistinct",
    "EagerAggregation",
    "OrderedAggregation",
    "Unwind",
    "Optional",
    "Argument",
    "ArgumentTracker",
    "CacheProperties",
    "NullifyMetadata",
    "Eager",
    "EmptyResult",
    "Anti",
    "AssertSameNode",
    "AssertSameRelationship",
    # Checked by name against the procedure allow-list in guard.check_plan.
    "ProcedureCall",
)
_JOINS = (
    "Apply",
    "SemiApply",
    "AntiSemiApply",
    "LetSemiApply",
    "LetAntiSemiApply",
    "SelectOrSemiApply",
    "SelectOrAntiSemiApply",
    "LetSelectOrSemiApply",
    "LetSelectOrAntiSemiApply",
    "RollUpApply",
    "ConditionalApply",
    "AntiConditionalApply",
    "CartesianProduct",
    "NodeHashJoin",
    "ValueHashJoin",
    "NodeLeftOuterHashJoin",
    "NodeRightOuterHashJoin",
    "Union",
    "OrderedUnion",
)
READ_OPERATORS = frozenset(_SCANS_AND_SEEKS + _EXPANSIONS + _ROW_OPERATORS + _JOINS)


def operator_name(operator_type: str) -> str:
    """`Expand(All)@neo4j` -> `Expand`."""
    return operator_type.split("@", 1)[0].split("(", 1)[0].strip()
