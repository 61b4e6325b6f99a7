package dev.gort.scheduler.operation;

import dev.gort.common.operation.Filter;
import dev.gort.common.operation.Filter.Type;
import dev.gort.common.operation.FilterSql;
import dev.gort.common.operation.OperationView;
import dev.gort.common.operation.OrderBy;
import dev.gort.common.pipeline.run.RunStatus;
import dev.gort.scheduler.config.SchedulerConfig;
import dev.gort.scheduler.operation.environment.EnvironmentOperationStatus;
import dev.gort.scheduler.pipeline.PipelineOperationStatus;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operations list in SQL: filtered, sorted and paged by PostgreSQL over the test runs, the
 * environments (the provisioner's operations, mirrored) and the pipeline runs, through indexes on
 * each one's stored operation status and progress (generated columns, migrations V5, V11 and V12,
 * which repeat the mapping of {@code GET /api/v1/operations/{id}}; tests check they agree). An
 * environment has no {@code experiment}: it matches no comparison on it, {@code ne} included (SQL's
 * NULL).
 */
@ApplicationScoped
public class OperationQuery {

  /** What {@code $filter} may name, and each field's type. */
  public static final Map<String, Type> FIELDS =
      Map.of(
          "status", Type.STRING,
          "kind", Type.STRING,
          "experiment", Type.STRING,
          "createdDateTime", Type.DATETIME,
          "lastActionDateTime", Type.DATETIME);

  /** What {@code $orderby} may name. */
  public static final Set<String> SORTABLE = Set.of("createdDateTime", "lastActionDateTime");

  private static final Map<String, String> COLUMNS =
      Map.of(
          "status", "op.status",
          "kind", "op.kind",
          "experiment", "op.experiment",
          "createdDateTime", "op.created_at",
          "lastActionDateTime", "op.last_action_at");

  // every test run is an operation of kind test-run, and every environment the provisioner told of
  // (its mirror, EnvironmentMirror) one of kind environment; the columns one kind has not are null
  private static final String OPERATIONS =
      "SELECT r.id, r.operation_id, r.state, r.outcome, r.summary, r.unresponsive_since,"
          + " r.experiment, r.owner, r.created_at, r.last_action_at, r.operation_status AS status,"
          + " r.operation_progress AS progress, CAST('"
          + OperationStatus.KIND_TEST_RUN
          + "' AS TEXT) AS kind, CAST(NULL AS SMALLINT) AS percent_complete FROM test_run r"
          + " UNION ALL SELECT e.environment_id, e.operation_id, e.state, CAST(NULL AS TEXT),"
          + " e.failure, CAST(NULL AS TIMESTAMPTZ), CAST(NULL AS TEXT), e.owner, e.created_at,"
          + " e.last_action_at, e.operation_status, e.operation_progress, CAST('"
          + EnvironmentOperationStatus.KIND
          + "' AS TEXT), e.percent_complete FROM environment_operation e"
          + " UNION ALL SELECT p.id, p.operation_id, p.status, CAST(NULL AS TEXT), p.summary,"
          + " CAST(NULL AS TIMESTAMPTZ), p.experiment, p.owner, p.created_at, p.updated_at,"
          + " p.operation_status, p.operation_progress, CAST('"
          + PipelineOperationStatus.KIND
          + "' AS TEXT), p.percent_complete FROM pipeline_run p";

  // seed 001, "Operations resource": not started, running, completed, each by creation time
  private static final String DEFAULT_ORDER = "op.progress ASC, op.created_at ASC";

  @Inject AgroalDataSource dataSource;
  @Inject SchedulerConfig config;

  /**
   * At most {@code limit} operations after the first {@code offset}, of those {@code owner}'s runs
   * and environments (null: everyone's) that {@code filter} (null: all) selects, in {@code order}
   * (empty: the seed's default order); the run's or environment's id (then the kind) breaks ties so
   * that pages neither repeat nor skip an operation.
   */
  public List<OperationView> list(
      String owner, Filter.Expr filter, List<OrderBy.Key> order, long offset, int limit) {
    StringBuilder sql = new StringBuilder("SELECT * FROM (").append(OPERATIONS).append(") op");
    List<Object> parameters = new ArrayList<>();
    List<String> where = new ArrayList<>();
    if (owner != null) {
      where.add("op.owner = ?");
      parameters.add(owner);
    }
    if (filter != null) {
      FilterSql selected = FilterSql.of(filter, COLUMNS);
      where.add("(" + selected.sql() + ")");
      parameters.addAll(selected.parameters());
    }
    if (!where.isEmpty()) {
      sql.append(" WHERE ").append(String.join(" AND ", where));
    }
    sql.append(" ORDER BY ")
        .append(order.isEmpty() ? DEFAULT_ORDER : OrderBy.toSql(order, COLUMNS))
        .append(", op.id ASC, op.kind ASC LIMIT ? OFFSET ?");
    parameters.add(limit);
    parameters.add(offset);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.toString())) {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      List<OperationView> operations = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          operations.add(operation(rows));
        }
      }
      return operations;
    } catch (SQLException e) {
      throw new IllegalStateException("listing operations failed: " + e.getMessage(), e);
    }
  }

  private OperationView operation(ResultSet rows) throws SQLException {
    if (PipelineOperationStatus.KIND.equals(rows.getString("kind"))) {
      return PipelineOperationStatus.of(
          rows.getString("id"),
          rows.getString("operation_id"),
          RunStatus.valueOf(rows.getString("state")),
          rows.getInt("percent_complete"),
          rows.getString("summary"),
          instant(rows, "created_at"),
          instant(rows, "last_action_at"));
    }
    if (EnvironmentOperationStatus.KIND.equals(rows.getString("kind"))) {
      return EnvironmentOperationStatus.of(
          rows.getString("id"),
          rows.getString("operation_id"),
          rows.getString("state"),
          rows.getInt("percent_complete"),
          rows.getString("summary"),
          instant(rows, "created_at"),
          instant(rows, "last_action_at"),
          config.provisionerUrl());
    }
    return OperationStatus.of(
        rows.getString("id"),
        rows.getString("operation_id"),
        rows.getString("state"),
        rows.getString("outcome"),
        rows.getString("summary"),
        nullableInstant(rows, "unresponsive_since"),
        instant(rows, "created_at"),
        instant(rows, "last_action_at"));
  }

  private static Instant instant(ResultSet rows, String column) throws SQLException {
    return rows.getObject(column, OffsetDateTime.class).toInstant();
  }

  private static Instant nullableInstant(ResultSet rows, String column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
