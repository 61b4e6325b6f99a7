package dev.gort.simulators.mail;

import java.util.List;

/** One message the SMTP sink received; {@code to} holds every envelope recipient. */
public record ReceivedMail(
    String from, List<String> to, String subject, String body, String receivedAt) {}
