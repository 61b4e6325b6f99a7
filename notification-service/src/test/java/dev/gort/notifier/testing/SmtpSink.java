package dev.gort.notifier.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A minimal SMTP server on a free port standing in for the mail relay: it speaks enough of RFC 5321
 * for a client to deliver (greeting, EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) and spools each
 * message it accepts to a file, its envelope recipients on a first {@code X-Envelope-To} line. The
 * spool directory is config {@code gort.test.smtp.spool}, so tests read mail from the file system
 * whatever class loader holds this object; {@link #messagesIn} parses the spool. A recipient whose
 * address starts with {@code busy-} is refused with a transient 451 the first time. A message to a
 * recipient whose address starts with {@code lost-ack-} is spooled the first time, but the
 * connection is then dropped before the 250 that says so: the sender cannot know it went out (a
 * crash between send and record, as the sender sees it) and sends it again.
 */
public class SmtpSink implements QuarkusTestResourceLifecycleManager {

  public static final String SPOOL = "gort.test.smtp.spool";

  private final AtomicInteger messages = new AtomicInteger();
  private final Set<String> refusedOnce = ConcurrentHashMap.newKeySet();
  private final Set<String> unacknowledgedOnce = ConcurrentHashMap.newKeySet();
  private ServerSocket server;
  private Path spool;

  @Override
  public Map<String, String> start() {
    try {
      spool = Files.createTempDirectory("gort-smtp-sink");
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::accept, "smtp-sink");
    acceptor.setDaemon(true);
    acceptor.start();
    return Map.of(
        "quarkus.mailer.host",
        "127.0.0.1",
        "quarkus.mailer.port",
        String.valueOf(server.getLocalPort()),
        SPOOL,
        spool.toString());
  }

  @Override
  public void stop() {
    try {
      if (server != null) {
        server.close();
      }
      if (spool != null) {
        try (Stream<Path> files = Files.walk(spool)) {
          for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    } catch (IOException e) {
      // the temp directory is left behind; nothing else depends on it
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread session = new Thread(() -> converse(socket), "smtp-sink-session");
        session.setDaemon(true);
        session.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void converse(Socket socket) {
    try (socket;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = socket.getOutputStream()) {
      reply(out, "220 gort-test-smtp ESMTP");
      List<String> recipients = new ArrayList<>();
      String line;
      while ((line = in.readLine()) != null) {
        String verb = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
        switch (verb) {
          case "EHLO", "HELO" -> reply(out, "250 gort-test-smtp");
          case "MAIL" -> {
            recipients.clear();
            reply(out, "250 OK");
          }
          case "RCPT" -> {
            String to = address(line);
            if (to.startsWith("busy-") && refusedOnce.add(to)) {
              reply(out, "451 mailbox busy, try again later");
            } else {
              recipients.add(to);
              reply(out, "250 OK");
            }
          }
          case "DATA" -> {
            reply(out, "354 end data with <CR><LF>.<CR><LF>");
            StringBuilder data = new StringBuilder();
            String d;
            while ((d = in.readLine()) != null && !d.equals(".")) {
              data.append(d.startsWith("..") ? d.substring(1) : d).append("\r\n");
            }
            store(recipients, data.toString());
            if (recipients.stream()
                .anyMatch(r -> r.startsWith("lost-ack-") && unacknowledgedOnce.add(r))) {
              return;
            }
            recipients.clear();
            reply(out, "250 OK queued");
          }
          case "RSET" -> {
            recipients.clear();
            reply(out, "250 OK");
          }
          case "NOOP" -> reply(out, "250 OK");
          case "QUIT" -> {
            reply(out, "221 bye");
            return;
          }
          default -> reply(out, "502 command not implemented");
        }
      }
    } catch (IOException e) {
      // the client went away mid-session; whatever it had not finished is not delivered
    }
  }

  private void store(List<String> recipients, String data) throws IOException {
    String name = String.format("%06d.eml", messages.incrementAndGet());
    Path partial = spool.resolve(name + ".part");
    Files.writeString(partial, "X-Envelope-To: " + String.join(",", recipients) + "\r\n" + data);
    Files.move(partial, spool.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  private static String address(String command) {
    int lt = command.indexOf('<');
    int gt = command.indexOf('>', lt + 1);
    return lt >= 0 && gt > lt ? command.substring(lt + 1, gt) : command.substring(8).trim();
  }

  private static void reply(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** A delivered message: envelope recipients and the headers of the message itself. */
  public record Message(List<String> to, Map<String, String> headers, String raw) {
    public String subject() {
      return headers.get("subject");
    }

    public String messageId() {
      return headers.get("message-id");
    }

    /** The decoded text/plain part (the whole body of a message that is not multipart). */
    public String text() {
      return part("text/plain");
    }

    /** The decoded text/html part, or null. */
    public String html() {
      return part("text/html");
    }

    private String part(String type) {
      int start = raw.indexOf("\r\n\r\n", raw.indexOf("\r\n") + 2);
      String body = raw.substring(start + 4);
      String contentType = headers.getOrDefault("content-type", "text/plain");
      if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
        return contentType.toLowerCase(Locale.ROOT).startsWith(type)
            ? decode(headers.get("content-transfer-encoding"), body)
            : null;
      }
      String boundary = boundary(contentType);
      for (String part : body.split("--" + java.util.regex.Pattern.quote(boundary))) {
        // each part begins with the line break that ends its boundary line
        String section = part.startsWith("\r\n") ? part.substring(2) : part;
        int blank = section.indexOf("\r\n\r\n");
        if (blank < 0) {
          continue;
        }
        Map<String, String> partHeaders = headersOf(section.substring(0, blank).split("\r\n"), 0);
        String partType = partHeaders.getOrDefault("content-type", "");
        if (partType.toLowerCase(Locale.ROOT).startsWith(type)) {
          String content = section.substring(blank + 4);
          if (content.endsWith("\r\n")) {
            content = content.substring(0, content.length() - 2);
          }
          return decode(partHeaders.get("content-transfer-encoding"), content);
        }
      }
      return null;
    }

    private static String boundary(String contentType) {
      for (String parameter : contentType.split(";")) {
        String p = parameter.trim();
        if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
          String value = p.substring("boundary=".length());
          return value.startsWith("\"") ? value.substring(1, value.length() - 1) : value;
        }
      }
      throw new IllegalStateException("multipart without a boundary: " + contentType);
    }

    private static String decode(String encoding, String content) {
      String e = encoding == null ? "7bit" : encoding.trim().toLowerCase(Locale.ROOT);
      String text = content.replace("\r\n", "\n");
      return switch (e) {
        case "quoted-printable" -> quotedPrintable(text);
        case "base64" ->
            new String(java.util.Base64.getMimeDecoder().decode(text), StandardCharsets.UTF_8);
        default -> text;
      };
    }

    private static String quotedPrintable(String text) {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      String joined = text.replace("=\n", "");
      for (int i = 0; i < joined.length(); i++) {
        char c = joined.charAt(i);
        if (c == '=' && i + 2 < joined.length()) {
          bytes.write(Integer.parseInt(joined.substring(i + 1, i + 3), 16));
          i += 2;
        } else {
          byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
          bytes.write(b, 0, b.length);
        }
      }
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  /** Every message the sink accepted so far, in the order accepted. */
  public static List<Message> messagesIn(Path spool) {
    try (Stream<Path> files = Files.list(spool)) {
      List<Message> found = new ArrayList<>();
      for (Path f : files.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) {
        found.add(parse(Files.readString(f)));
      }
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Message parse(String raw) {
    String[] lines = raw.split("\r\n", -1);
    List<String> to = List.of(lines[0].substring("X-Envelope-To: ".length()).split(","));
    return new Message(to, headersOf(lines, 1), raw);
  }

  /** Header lines from {@code from} to the first empty one, names in lower case, folds unfolded. */
  private static Map<String, String> headersOf(String[] lines, int from) {
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    String last = null;
    for (int i = from; i < lines.length && !lines[i].isEmpty(); i++) {
      String l = lines[i];
      if ((l.startsWith(" ") || l.startsWith("\t")) && last != null) {
        headers.merge(last, " " + l.trim(), String::concat);
      } else if (l.contains(":")) {
        last = l.substring(0, l.indexOf(':')).trim().toLowerCase(Locale.ROOT);
        headers.put(last, l.substring(l.indexOf(':') + 1).trim());
      }
    }
    return headers;
  }
}
