package dev.gort.notifier.notification;

/** Where a notification stands. */
public enum NotificationState {
  PENDING,
  SENT,
  FAILED
}
