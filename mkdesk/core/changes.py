"""Core layer: `ChangeSet`, what a sync or a write changed in the cache, per entity (immutable, any thread).

Every write path returns one, and each view refreshes only when `changes.touches(<its entity>)`. Entities are
the sync entity names (`partners`, `products`, `warehouses`, `stock`, `orders`, `invoices`, `offers`); the
group name `documents` is touched by any of the three document entities.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

DOCUMENT_ENTITIES = ("orders", "invoices", "offers")
GROUPS: Mapping[str, tuple[str, ...]] = MappingProxyType({"documents": DOCUMENT_ENTITIES})


@dataclass(frozen=True, slots=True)
class EntityChanges:
    """Rows inserted, updated and deleted in one entity."""

    inserted: int = 0
    updated: int = 0
    deleted: int = 0

    @property
    def total(self) -> int:
        return self.inserted + self.updated + self.deleted

    def __add__(self, other: EntityChanges) -> EntityChanges:
        return EntityChanges(
            self.inserted + other.inserted, self.updated + other.updated, self.deleted + other.deleted
        )

    def as_dict(self) -> dict[str, int]:
        return {"inserted": self.inserted, "updated": self.updated, "deleted": self.deleted}


def _freeze(counts: Mapping[str, EntityChanges]) -> Mapping[str, EntityChanges]:
    return MappingProxyType({k: v for k, v in sorted(counts.items()) if v.total})


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """Which entities changed and by how much. Merge with `|`; an empty ChangeSet is falsy."""

    counts: Mapping[str, EntityChanges] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "counts", _freeze(self.counts))

    @classmethod
    def of(cls, entity: str, inserted: int = 0, updated: int = 0, deleted: int = 0) -> ChangeSet:
        return cls({entity: EntityChanges(inserted, updated, deleted)})

    @property
    def entities(self) -> frozenset[str]:
        return frozenset(self.counts)

    def touches(self, entity: str) -> bool:
        """True when `entity` (or, for a group such as `documents`, any of its members) changed."""
        names: Iterable[str] = GROUPS.get(entity, (entity,))
        return any(name in self.counts for name in names)

    def get(self, entity: str) -> EntityChanges:
        return self.counts.get(entity, EntityChanges())

    def __or__(self, other: ChangeSet) -> ChangeSet:
        if not isinstance(other, ChangeSet):
            return NotImplemented
        merged = dict(self.counts)
        for entity, changes in other.counts.items():
            merged[entity] = merged.get(entity, EntityChanges()) + changes
        return ChangeSet(merged)

    def __bool__(self) -> bool:
        return bool(self.counts)

    def __hash__(self) -> int:
        return hash(tuple(self.counts.items()))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ChangeSet) and dict(self.counts) == dict(other.counts)

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}=+{v.inserted}~{v.updated}-{v.deleted}" for k, v in self.counts.items())
        return f"ChangeSet({inner})"

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {k: v.as_dict() for k, v in self.counts.items()}
