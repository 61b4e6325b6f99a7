package dev.gort.notifier.channel;

/**
 * A notification did not go out. {@link #permanent()} when trying again cannot help (the
 * destination refused it for what it is, the guard refused the destination, the channel is not
 * configured): the notification fails at once with the reason. Otherwise it is tried again with
 * back-off. The message is the reason the API shows; it never holds a secret.
 */
public final class ChannelFailure extends RuntimeException {

  private final boolean permanent;

  private ChannelFailure(String reason, boolean permanent) {
    super(reason, null, false, false);
    this.permanent = permanent;
  }

  public static ChannelFailure permanent(String reason) {
    return new ChannelFailure(reason, true);
  }

  public static ChannelFailure retryable(String reason) {
    return new ChannelFailure(reason, false);
  }

  public boolean permanent() {
    return permanent;
  }
}
