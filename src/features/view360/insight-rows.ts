/** Row mapping for the insight and staff-evidence fragments, shared by both views. */
import type { CypherRow } from '../../core/neo4j/neo4j-gateway';
import { toRecord as toTieRecord } from '../ties/tie.repository';
import type { TieRecord } from '../ties/tie.type';
import type { ProductPurchaseRecord } from './insight.type';
import type { MonthAggregate } from './sentiment-trend';
import type { StaffEvidence } from './staff-closeness';

export function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

export function listOf<T>(value: unknown, map: (entry: Record<string, unknown>) => T): T[] {
  return Array.isArray(value) ? value.map((entry) => map(entry as Record<string, unknown>)) : [];
}

export function toMonthAggregates(value: unknown): MonthAggregate[] {
  return listOf(value, (entry) => ({
    month: numberOr(entry.month, 0),
    interactions: numberOr(entry.interactions, 0),
    rated: numberOr(entry.rated, 0),
    average: typeof entry.average === 'number' ? entry.average : null,
    positive: numberOr(entry.positive, 0),
    negative: numberOr(entry.negative, 0),
  }));
}

export function toProductPurchases(value: unknown): ProductPurchaseRecord[] {
  return listOf(value, (entry) => ({
    productId: String(entry.productId),
    orders: numberOr(entry.orders, 0),
    buyers: numberOr(entry.buyers, 0),
    lastOrderedAt: String(entry.lastOrderedAt),
  }));
}

export function toIdList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

export function toStaffEvidence(row: CypherRow): StaffEvidence {
  return {
    userId: String(row.userId),
    ties: listOf(row.ties, (entry): TieRecord => toTieRecord(entry)),
    shared: listOf(row.shared, (entry) => ({
      id: String(entry.id),
      occurredAt: String(entry.occurredAt),
    })),
  };
}
