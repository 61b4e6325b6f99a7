package dev.gort.notifier.channel;

import java.net.URI;
import java.net.URISyntaxException;

/** How a destination is shown to a caller who is not its owner. */
public final class Destinations {

  private Destinations() {}

  /**
   * A webhook URL as an operator sees it: scheme, host and port, the path and query cut ({@code
   * https://hooks.slack.com/…}), since incoming-webhook URLs carry their credential there. Email
   * addresses are shown as they are.
   */
  public static String forOthers(String channel, String destination) {
    if (destination == null || EmailChannel.CODE.equals(channel)) {
      return destination;
    }
    try {
      URI uri = new URI(destination);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return "…";
      }
      return uri.getScheme()
          + "://"
          + uri.getHost()
          + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
          + "/…";
    } catch (URISyntaxException e) {
      return "…";
    }
  }
}
