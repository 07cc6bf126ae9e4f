package dev.mailgate.cli.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.cli.CliRun;
import dev.mailgate.cli.ExitCodes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Captured requests signed here with generated keys, checked through the command line as an operator would. */
class WebhookVerifyCommandTest {
    private static final Instant CAPTURED = Instant.parse("2026-11-23T12:00:00Z");
    private static final String SENDGRID_BODY = "[{\"email\":\"jane@example.net\",\"event\":\"delivered\",\"timestamp\":1795435200}]\r\n";
    @TempDir
    Path dir;
    private final CliRun cli = new CliRun();

    @Test
    void aSendGridRequestVerifiesAsOfItsCaptureAndNotWithAnotherKeyOrLater() throws Exception {
        KeyPair sendgrid = p256();
        String timestamp = Long.toString(CAPTURED.getEpochSecond());
        Signature ecdsa = Signature.getInstance("SHA256withECDSA");
        ecdsa.initSign(sendgrid.getPrivate());
        ecdsa.update((timestamp + SENDGRID_BODY).getBytes(StandardCharsets.UTF_8));
        Path headers = write("req.headers", "POST /hooks/sendgrid HTTP/1.1\r\nHost: hooks.example.com\r\nContent-Type: application/json\r\n"
                + "X-Twilio-Email-Event-Webhook-Signature: " + Base64.getEncoder().encodeToString(ecdsa.sign()) + "\r\n"
                + "X-Twilio-Email-Event-Webhook-Timestamp: " + timestamp + "\r\n\r\n");
        Path body = write("req.json", SENDGRID_BODY);
        String key = "public-key=" + Base64.getEncoder().encodeToString(sendgrid.getPublic().getEncoded());

        int ok = cli.run("webhook", "verify", "--provider", "sendgrid", "--headers", headers.toString(), "--body", body.toString(), "-s", key,
                "--at", CAPTURED.plusSeconds(30).toString());
        assertThat(ok).as(cli.err()).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).isEqualTo("authentic\n");

        CliRun later = new CliRun();
        assertThat(later.run("webhook", "verify", "--provider", "sendgrid", "--headers", headers.toString(), "--body", body.toString(), "-s", key,
                "--at", CAPTURED.plusSeconds(3600).toString())).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(later.err()).contains("refused").contains("replay window");

        CliRun other = new CliRun();
        String otherKey = "public-key=" + Base64.getEncoder().encodeToString(p256().getPublic().getEncoded());
        assertThat(other.run("webhook", "verify", "--provider", "sendgrid", "--headers", headers.toString(), "--body", body.toString(), "-s", otherKey,
                "--at", CAPTURED.toString())).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(other.err()).contains("refused").contains("does not verify");

        CliRun tampered = new CliRun();
        Path changed = write("changed.json", SENDGRID_BODY.replace("delivered", "bounce"));
        assertThat(tampered.run("webhook", "verify", "--provider", "sendgrid", "--headers", headers.toString(), "--body", changed.toString(), "-s", key,
                "--at", CAPTURED.toString())).isEqualTo(ExitCodes.INVALID_INPUT);
    }

    @Test
    void aMailgunBodyCarriesItsOwnSignature() throws Exception {
        String signingKey = "whsk-" + HexFormat.of().formatHex(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        String token = "a".repeat(50);
        String timestamp = Long.toString(CAPTURED.getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(signingKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal((timestamp + token).getBytes(StandardCharsets.UTF_8)));
        Path body = write("mailgun.json", "{\"signature\":{\"timestamp\":\"" + timestamp + "\",\"token\":\"" + token + "\",\"signature\":\"" + signature
                + "\"},\"event-data\":{\"event\":\"delivered\",\"recipient\":\"jane@example.net\"}}");
        assertThat(cli.run("webhook", "verify", "--provider", "mailgun", "--body", body.toString(), "-s", "signing-key=" + signingKey,
                "--at", CAPTURED.toString())).as(cli.err()).isEqualTo(ExitCodes.OK);
        CliRun wrong = new CliRun();
        assertThat(wrong.run("webhook", "verify", "--provider", "mailgun", "--body", body.toString(), "-s", "signing-key=whsk-other",
                "--at", CAPTURED.toString())).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(wrong.err()).contains("matches none");
    }

    @Test
    void brevoAndMailjetCredentialsAreCheckedAndTheSettingsAreListed() throws Exception {
        Path headers = write("brevo.headers", "Authorization: Bearer t0k3n\nContent-Type: application/json\n");
        Path body = write("brevo.json", "{\"event\":\"delivered\",\"email\":\"jane@example.net\"}");
        assertThat(cli.run("webhook", "verify", "--provider", "brevo", "--headers", headers.toString(), "--body", body.toString(),
                "-s", "bearer-token=t0k3n")).as(cli.err()).isEqualTo(ExitCodes.OK);
        CliRun wrong = new CliRun();
        assertThat(wrong.run("webhook", "verify", "--provider", "brevo", "--headers", headers.toString(), "--body", body.toString(),
                "-s", "bearer-token=guess")).isEqualTo(ExitCodes.INVALID_INPUT);

        Path basic = write("mj.headers", "Authorization: Basic " + Base64.getEncoder().encodeToString("mj:pw".getBytes(StandardCharsets.UTF_8)) + "\n");
        CliRun mailjet = new CliRun();
        assertThat(mailjet.run("webhook", "verify", "--provider", "mailjet", "--headers", basic.toString(), "--body", body.toString(),
                "-s", "user=mj", "-s", "password=pw")).as(mailjet.err()).isEqualTo(ExitCodes.OK);

        CliRun list = new CliRun();
        assertThat(list.run("webhook", "verify", "--provider", "sendgrid", "--list-settings")).isEqualTo(ExitCodes.OK);
        assertThat(list.out()).contains("public-key (required)").contains("replay-window-seconds");

        CliRun missing = new CliRun();
        assertThat(missing.run("webhook", "verify", "--provider", "sendgrid", "--body", body.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("public-key");
        CliRun none = new CliRun();
        assertThat(none.run("webhook", "verify", "--provider", "smtp", "--body", body.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("providers with one").contains("brevo").contains("sendgrid");
    }

    @Test
    void aResendRequestIsCheckedWithItsSvixSecretAndPostmarkWithItsCredentials() throws Exception {
        byte[] secret = new byte[24];
        new java.security.SecureRandom().nextBytes(secret);
        String whsec = "whsec_" + Base64.getEncoder().encodeToString(secret);
        String id = "msg_2Kx1";
        String timestamp = Long.toString(CAPTURED.getEpochSecond());
        String body = "{\"type\":\"email.delivered\",\"created_at\":\"2026-11-23T12:00:00.000Z\",\"data\":{\"email_id\":\"e1\",\"to\":[\"jane@example.net\"]}}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        Path headers = write("resend.headers", "svix-id: " + id + "\nsvix-timestamp: " + timestamp + "\nsvix-signature: v1," + signature + "\n");
        Path json = write("resend.json", body);
        assertThat(cli.run("webhook", "verify", "--provider", "resend", "--headers", headers.toString(), "--body", json.toString(),
                "-s", "signing-secret=" + whsec, "--at", CAPTURED.toString())).as(cli.err()).isEqualTo(ExitCodes.OK);
        CliRun changed = new CliRun();
        Path other = write("resend-changed.json", body.replace("delivered", "bounced"));
        assertThat(changed.run("webhook", "verify", "--provider", "resend", "--headers", headers.toString(), "--body", other.toString(),
                "-s", "signing-secret=" + whsec, "--at", CAPTURED.toString())).isEqualTo(ExitCodes.INVALID_INPUT);
        CliRun late = new CliRun();
        assertThat(late.run("webhook", "verify", "--provider", "resend", "--headers", headers.toString(), "--body", json.toString(),
                "-s", "signing-secret=" + whsec, "--at", CAPTURED.plusSeconds(3600).toString())).isEqualTo(ExitCodes.INVALID_INPUT);

        Path basic = write("pm.headers", "Authorization: Basic " + Base64.getEncoder().encodeToString("pm:pw".getBytes(StandardCharsets.UTF_8)) + "\n");
        Path pm = write("pm.json", "{\"RecordType\":\"Delivery\",\"Recipient\":\"jane@example.net\"}");
        CliRun postmark = new CliRun();
        assertThat(postmark.run("webhook", "verify", "--provider", "postmark", "--headers", basic.toString(), "--body", pm.toString(),
                "-s", "user=pm", "-s", "password=pw")).as(postmark.err()).isEqualTo(ExitCodes.OK);
        CliRun wrong = new CliRun();
        assertThat(wrong.run("webhook", "verify", "--provider", "postmark", "--headers", basic.toString(), "--body", pm.toString(),
                "-s", "user=pm", "-s", "password=guess")).isEqualTo(ExitCodes.INVALID_INPUT);
    }

    @Test
    void decodeReadsEveryProvidersFormat() throws Exception {
        Path brevo = write("b.json", "{\"event\":\"hard_bounce\",\"email\":\"nobody@example.net\",\"reason\":\"550 5.1.1 user unknown\"}");
        assertThat(cli.run("webhook", "decode", "--provider", "brevo", brevo.toString())).as(cli.err()).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).contains("\"type\":\"bounced\"").contains("\"reason\":\"userunknown\"").contains("\"provider\":\"brevo\"");
        CliRun mj = new CliRun();
        Path mailjet = write("m.json", "[{\"event\":\"open\",\"email\":\"jane@example.net\",\"time\":1795435200},"
                + "{\"event\":\"spam\",\"email\":\"jane@example.net\",\"time\":1795435200}]");
        assertThat(mj.run("webhook", "decode", "--provider", "mailjet", mailjet.toString())).as(mj.err()).isEqualTo(ExitCodes.OK);
        assertThat(mj.out().lines()).hasSize(2);
        CliRun sg = new CliRun();
        assertThat(sg.run("webhook", "decode", "--provider", "sendgrid", write("s.json", SENDGRID_BODY).toString())).isEqualTo(ExitCodes.OK);
        assertThat(sg.out()).contains("\"type\":\"delivered\"");
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }
}
