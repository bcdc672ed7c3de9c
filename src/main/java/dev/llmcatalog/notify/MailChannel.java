package dev.llmcatalog.notify;

import dev.llmcatalog.config.NotificationTarget;
import dev.llmcatalog.store.NotificationStore;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;

/** E-mail over SMTP (Jakarta Mail): the subject line and the whole summary as UTF-8 plain text. */
final class MailChannel implements Channel {
  private static final String TIMEOUT_MS = "30000";
  private final NotificationTarget.Mail mail;
  private final Optional<String> password;
  private final Redactor redactor;
  private final Clock clock;

  MailChannel(NotificationTarget.Mail mail, Optional<String> password, Redactor redactor, Clock clock) {
    this.mail = mail;
    this.password = password;
    this.redactor = redactor;
    this.clock = clock;
  }

  @Override
  public String host() {
    return mail.host();
  }

  @Override
  public void send(NotificationStore.Draft m) throws DeliveryException {
    Properties props = new Properties();
    props.put("mail.smtp.host", mail.host());
    props.put("mail.smtp.port", Integer.toString(mail.port()));
    props.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
    props.put("mail.smtp.timeout", TIMEOUT_MS);
    props.put("mail.smtp.writetimeout", TIMEOUT_MS);
    switch (mail.security()) {
      case "starttls" -> {
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
      }
      case "ssl" -> props.put("mail.smtp.ssl.enable", "true");
      default -> { } // none: a local relay
    }
    mail.username().ifPresent(u -> props.put("mail.smtp.auth", "true"));
    try {
      MimeMessage message = new MimeMessage(Session.getInstance(props));
      message.setFrom(new InternetAddress(mail.from()));
      for (String to : mail.to()) {
        message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
      }
      message.setSubject(m.subject(), "UTF-8");
      message.setText(m.body(), "UTF-8");
      message.setSentDate(Date.from(clock.instant()));
      if (mail.username().isPresent()) {
        Transport.send(message, mail.username().get(), password.orElse(""));
      } else {
        Transport.send(message);
      }
    } catch (MessagingException e) {
      throw new DeliveryException(redactor.clean("SMTP: " + e.getMessage()));
    }
  }
}
