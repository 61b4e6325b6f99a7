package dev.gort.simulators.mail;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpHandler;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.smtp.commands.SmtpCommandRegistry;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * GreenMail's SMTP server, except that the end of DATA may be answered late: the message is
 * delivered to its mailboxes first (so it counts as received), then the connection waits for as
 * long as {@code holdFor} says before GreenMail answers {@code 250 OK}. Only that connection waits:
 * GreenMail delivers under a lock, which the wait is outside of.
 */
final class HeldAckSmtpServer extends SmtpServer {

  private final SmtpManager manager;

  HeldAckSmtpServer(
      ServerSetup setup,
      Managers managers,
      Function<MovingMessage, Duration> holdFor,
      CountDownLatch stopping) {
    super(setup, managers);
    this.manager =
        new SmtpManager(managers.getImapHostManager(), managers.getUserManager()) {
          @Override
          public void send(SmtpState state) {
            MovingMessage message = state.getMessage();
            // synchronized in GreenMail: delivered to every recipient's mailbox when it returns
            super.send(state);
            Duration wait = holdFor.apply(message);
            if (!wait.isNegative() && !wait.isZero()) {
              try {
                // a stopping sink answers at once
                stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }
        };
  }

  @Override
  protected ProtocolHandler createProtocolHandler(Socket socket) {
    return new SmtpHandler(new SmtpCommandRegistry(), manager, socket);
  }
}
