package dev.gort.notifier.channel;

/**
 * One way of telling an owner (email, chat, webhook): sends one notification, outside any
 * transaction. A send that did not go out throws {@link ChannelFailure}, saying whether trying
 * again may help; anything else it throws counts as a failure worth another try.
 */
public interface Channel {

  /** The channel's type as preferences and the API write it: {@code email}, {@code chat}, … */
  String code();

  /**
   * Sends {@code notification} under its {@link Outgoing#deliveryId()}, the same on every try, so
   * that a receiver given it twice (a crash between send and record) can tell.
   */
  void send(Outgoing notification);
}
