package dev.gort.scheduler.testing;

import dev.gort.common.event.Envelope;
import dev.gort.common.event.GortEvent;
import dev.gort.common.event.Outcome;
import dev.gort.common.event.RunEvents.RunCompleted;
import dev.gort.common.event.RunEvents.RunDispatched;
import dev.gort.common.event.RunEvents.RunEvaluated;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.event.Topics;
import dev.gort.common.testing.KafkaEvents;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/** What the poll tests read from the scheduler's tables, and how they finish runs. */
public final class RunTable {

  private RunTable() {}

  /** Runs of {@code experiment} per revision. */
  public static Map<String, Integer> runsPerRevision(DataSource db, String experiment) {
    Map<String, Integer> runs = new TreeMap<>();
    query(
        db,
        "SELECT revision, count(*) FROM test_run WHERE experiment = ? GROUP BY revision",
        experiment,
        rs -> runs.put(rs.getString(1), rs.getInt(2)));
    return runs;
  }

  /** The ids of the runs of {@code experiment}, oldest first. */
  public static List<String> runIds(DataSource db, String experiment) {
    List<String> ids = new java.util.ArrayList<>();
    query(
        db,
        "SELECT id FROM test_run WHERE experiment = ? ORDER BY created_at, id",
        experiment,
        rs -> ids.add(rs.getString(1)));
    return ids;
  }

  /** Outbox rows (events owed) whose payload mentions {@code text}. */
  public static int eventsMentioning(DataSource db, String text) {
    int[] count = {0};
    query(
        db,
        "SELECT count(*) FROM gort_outbox WHERE payload LIKE '%' || ? || '%'",
        text,
        rs -> count[0] = rs.getInt(1));
    return count[0];
  }

  /**
   * Ends the unfinished runs of {@code experiment} straight in the table, for tests about when runs
   * are created rather than how they finish.
   */
  public static int finishInTable(DataSource db, String experiment) {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE test_run SET state = 'FINISHED', outcome = 'PASSED'"
                    + " WHERE experiment = ? AND state <> 'FINISHED'")) {
      s.setString(1, experiment);
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Drives {@code runId} to FINISHED with {@code outcome} through the events other services send.
   */
  public static void finishByEvents(KafkaEvents kafka, String runId, Outcome outcome) {
    kafka.publish(Topics.RUNS_STATUS, event(new RunDispatched(runId, 1, "sim", "job-1", null)));
    kafka.publish(
        Topics.RUNS_STATUS,
        event(
            new RunCompleted(
                runId,
                1,
                "sim",
                "job-1",
                outcome == Outcome.PASSED ? RunnerStatus.PASSED : RunnerStatus.FAILED,
                "http://r",
                null,
                null)));
    kafka.publish(Topics.RESULTS_EVALUATED, event(new RunEvaluated(runId, 1, outcome, "", "rep")));
    Runs.awaitState(runId, "FINISHED");
  }

  private static Envelope event(GortEvent data) {
    return Envelope.of("/test", data, Instant.now());
  }

  private interface Row {
    void read(ResultSet rs) throws SQLException;
  }

  private static void query(DataSource db, String sql, String parameter, Row row) {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, parameter);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          row.read(rs);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
