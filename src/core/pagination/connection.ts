import { type ClassType, Field, Int, ObjectType } from 'type-graphql';
import { encodeCursor } from './cursor';

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds a Relay connection type (`XConnection` with `XEdge`) for a node type. */
export function connectionType<T extends object>(name: string, nodeType: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'All matches, on every page.' })
    totalCount!: number;
  }

  return ConnectionType;
}

/**
 * Turns rows fetched with `LIMIT first + 1` into a page: the extra row only says that there is a
 * next page.
 */
export function toConnection<T extends { id: string }>(
  rows: readonly T[],
  first: number,
  totalCount: number,
  sortValueOf: (row: T) => string | number | null,
): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({
    node,
    cursor: encodeCursor({ sortValue: sortValueOf(node), id: node.id }),
  }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
