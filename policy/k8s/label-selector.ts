import { list, record, str, stringMap } from "../props";

/** A metav1.LabelSelector as found in inputs. */
export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: { key: string; operator: string; values: string[] }[];
}

export function readSelector(value: unknown): LabelSelector {
  const selector = record(value);
  return {
    matchLabels: stringMap(selector.matchLabels),
    matchExpressions: list(selector.matchExpressions).map((e) => {
      const expression = record(e);
      return { key: str(expression.key) ?? "", operator: str(expression.operator) ?? "", values: list(expression.values).filter((v): v is string => typeof v === "string") };
    }),
  };
}

/** An empty selector selects everything (or, in a spread constraint, nothing at all). */
export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

/** Whether the selector selects an object with these labels (metav1.LabelSelectorAsSelector semantics). */
export function selectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
  const labelsMatch = Object.entries(selector.matchLabels).every(([key, value]) => labels[key] === value);
  return (
    labelsMatch &&
    selector.matchExpressions.every(({ key, operator, values }) => {
      const has = Object.prototype.hasOwnProperty.call(labels, key);
      switch (operator) {
        case "In":
          return has && values.includes(labels[key] ?? "");
        case "NotIn":
          return !has || !values.includes(labels[key] ?? "");
        case "Exists":
          return has;
        case "DoesNotExist":
          return !has;
        default:
          return false; // an unknown operator is rejected by the API server
      }
    })
  );
}
