package dev.gort.simulators.mail;

import java.util.List;

/**
 * One message the SMTP sink received: its {@code Message-ID} header (null if it had none), {@code
 * to} every envelope recipient, and how many times it came ({@code timesReceived}: more than 1 when
 * it was sent again under the same Message-ID), {@code receivedAt} the first time.
 */
public record ReceivedMail(
    String messageId,
    String from,
    List<String> to,
    String subject,
    String body,
    String receivedAt,
    int timesReceived) {}
