package dev.gort.scheduler.runner;

import dev.gort.scheduler.runner.RunnerGateway.GatewayUnavailable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Checks how a run would be tested with the runner that runs it, through the gateway: a {@link
 * TestSpec} whose settings the runner checked, or the 400 naming what is wrong, or {@link
 * GatewayUnavailable}. Never called inside a transaction: a request waits for the gateway before
 * anything is stored.
 */
@ApplicationScoped
public class RunnerChecks {

  @Inject RunnerGateway gateway;

  /**
   * @param authorization the caller's {@code Authorization} header, forwarded to the gateway
   */
  public TestSpec check(
      String authorization, String runner, String kind, Map<String, Object> settings) {
    try {
      return new TestSpec(
          runner, kind, gateway.check(authorization, runner, kind, settings).settings());
    } catch (TimeoutException e) {
      throw new GatewayUnavailable("the runner gateway did not answer in time");
    } catch (CircuitBreakerOpenException e) {
      throw new GatewayUnavailable("the runner gateway is not answering");
    }
  }
}
