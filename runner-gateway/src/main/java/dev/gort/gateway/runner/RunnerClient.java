package dev.gort.gateway.runner;

/** One kind of runner behind one interface; a new runner is a new implementation. */
public interface RunnerClient {

  /** The runner code, e.g. {@code sim}. */
  String code();

  /** What the runner can run: {@code test}, {@code build}, {@code boot}. */
  java.util.Set<String> kinds();

  /**
   * Hands the attempt to the runner.
   *
   * @return the runner's own job id
   * @throws RunnerUnavailableException when the runner cannot take it now (try again later)
   */
  String dispatch(DispatchRequest request);
}
