package dev.gort.simulators.github;

import java.nio.charset.StandardCharsets;

/**
 * One webhook delivery as it goes over the wire: the event, its {@code X-GitHub-Delivery} guid, the
 * exact body and its {@code X-Hub-Signature-256} (null when unsigned), and how it went. A
 * redelivery sends the same bytes under the same guid, as GitHub's "Redeliver" does.
 */
final class WebhookDelivery {

  private final String guid;
  private final String event;
  private final String action;
  private final String url;
  private final long hookId;
  private final long repositoryId;
  private final byte[] body;
  private final String signature;
  private String status = "pending";
  private int sent;

  WebhookDelivery(
      String guid,
      String event,
      String action,
      String url,
      long hookId,
      long repositoryId,
      byte[] body,
      String signature) {
    this.guid = guid;
    this.event = event;
    this.action = action;
    this.url = url;
    this.hookId = hookId;
    this.repositoryId = repositoryId;
    this.body = body;
    this.signature = signature;
  }

  String guid() {
    return guid;
  }

  String event() {
    return event;
  }

  String url() {
    return url;
  }

  long hookId() {
    return hookId;
  }

  long repositoryId() {
    return repositoryId;
  }

  byte[] body() {
    return body;
  }

  String signature() {
    return signature;
  }

  /** Gort answered one try of it. */
  synchronized void answered() {
    sent++;
  }

  synchronized void status(String status) {
    this.status = status;
  }

  synchronized View view() {
    return new View(
        event, action, guid, status, sent, new String(body, StandardCharsets.UTF_8), signature);
  }

  /** A delivery as the control API lists it. */
  record View(
      String event,
      String action,
      String deliveryId,
      String status,
      int sent,
      String body,
      String signature) {}
}
