package dev.gort.common.operation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code where} of a list query, with named parameters: the owner the caller is scoped to (an
 * owner sees its own things only) and the plain filters the request gave, each on its field. For
 * JPQL or Panache queries ({@code find(where, sort, parameters)}).
 */
public final class ListFilter {

  private final List<String> conditions = new ArrayList<>();
  private final Map<String, Object> parameters = new LinkedHashMap<>();

  private ListFilter() {}

  /** Rows whose {@code ownerField} is {@code owner}; all rows when it is empty. */
  public static ListFilter ownedBy(String ownerField, Optional<String> owner) {
    ListFilter filter = new ListFilter();
    owner.ifPresent(o -> filter.and(ownerField, "owner", o));
    return filter;
  }

  /**
   * Adds each of {@code given} (a request's filters, by parameter name) on the field {@code fields}
   * names for it.
   */
  public ListFilter and(Map<String, String> given, Map<String, String> fields) {
    given.forEach((name, value) -> and(fields.get(name), name, value));
    return this;
  }

  /** Adds {@code field = :parameter}, for a value the caller converted (an enum, a number). */
  public ListFilter and(String field, String parameter, Object value) {
    conditions.add(field + " = :" + parameter);
    parameters.put(parameter, value);
    return this;
  }

  /** The conditions joined by {@code and}; empty for all rows. */
  public String where() {
    return String.join(" and ", conditions);
  }

  public Map<String, Object> parameters() {
    return Map.copyOf(parameters);
  }
}
