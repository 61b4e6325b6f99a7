package dev.gort.common.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Turns a host name (or address literal) into every address it stands for; asked once a hop. */
@FunctionalInterface
interface HostResolver {

  HostResolver SYSTEM = InetAddress::getAllByName;

  InetAddress[] resolve(String host) throws UnknownHostException;
}
