package dev.mailgate.testing.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
/** One SMTP session of a {@link TestSmtpServer}: reads commands, runs scripts, records what arrived. */
final class SmtpSession implements AutoCloseable {
    private final TestSmtpServer server;
    /** This connection's command lines (the server keeps them per connection too). */
    private final List<String> commands;
    private final TestSmtpServer.Builder config;
    private Socket socket;
    private ClientLines in;
    private OutputStream out;
    private boolean tls;
    private String user;
    private String mailFrom;
    private String mailParams;
    private final List<String> rcpts = new ArrayList<>();
    private final List<String> rcptParams = new ArrayList<>();

    SmtpSession(TestSmtpServer server, Socket socket, List<String> commands) throws IOException {
        this.server = server;
        this.commands = commands;
        this.config = server.config;
        this.socket = socket;
        if (config.implicitTls != null) {
            upgrade();
        }
        streams();
    }

    private void streams() throws IOException {
        in = new ClientLines(socket.getInputStream());
        out = socket.getOutputStream();
    }

    private void upgrade() throws IOException {
        SSLContext ctx = config.implicitTls != null ? config.implicitTls : config.startTls;
        SSLSocket ssl = ServerTls.accept(socket, ctx, server.serverNames::add);
        socket = ssl;
        server.open.add(ssl);
        tls = true;
    }

    void run() throws IOException {
        if (!perform(TestSmtpServer.CONNECT)) {
            reply("220 localhost Mailgate test SMTP service ready");
        }
        String line;
        while ((line = in.readLine()) != null) {
            server.commands.add(line);
            commands.add(line);
            arrived(line);
            String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            if (perform(line)) {
                continue;
            }
            switch (verb) {
                case "EHLO" -> ehlo();
                case "HELO" -> reply("250 localhost");
                case "STARTTLS" -> startTls();
                case "AUTH" -> auth(line);
                case "MAIL" -> mail(line);
                case "RCPT" -> rcpt(line);
                case "DATA" -> data();
                case "RSET" -> {
                    reset();
                    reply("250 2.0.0 Ok");
                }
                case "NOOP" -> reply("250 2.0.0 Ok");
                case "QUIT" -> {
                    reply("221 2.0.0 Bye");
                    return;
                }
                default -> reply("502 5.5.2 Command not recognized");
            }
        }
    }

    /** Runs a scripted action for this command; true when it replaced the normal handling. */
    private boolean perform(String command) throws IOException {
        ServerAction action = server.scripted(command);
        if (action == null) {
            return false;
        }
        if (action instanceof ServerAction.Reply r) {
            replyLines(r.lines());
            return true;
        }
        if (action instanceof ServerAction.Delayed d) {
            pause(d.delay());
            replyLines(d.lines());
            return true;
        }
        if (action instanceof ServerAction.Raw raw) {
            out.write(raw.text().getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (command.regionMatches(true, 0, "STARTTLS", 0, 8) && raw.text().startsWith("220")) {
                upgrade();
                streams();
            }
            return true;
        }
        if (action instanceof ServerAction.StopReading stop) {
            for (String l : stop.lines()) {
                reply(l);
            }
            pause(stop.duration());
        } else if (action instanceof ServerAction.Drip drip) {
            out.write(drip.prefix());
            out.flush();
            for (byte b : drip.dripped()) {
                pause(drip.interval());
                out.write(b);
                out.flush();
            }
        } else if (action instanceof ServerAction.Stall s) {
            pause(s.duration());
        }
        throw new IOException("scripted disconnect");
    }

    /** One reply of these lines: every line but the last marked as continued ("250-"). */
    private void replyLines(List<String> lines) throws IOException {
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            boolean last = i == lines.size() - 1;
            reply(last || l.length() < 4 ? l : l.substring(0, 3) + "-" + l.substring(4));
        }
    }

    /** Sleeps, and ends early when the server is closed (a stalled session must not outlive its test). */
    private void pause(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        try {
            while (!server.closed && System.nanoTime() < end) {
                Thread.sleep(Math.min(50, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void ehlo() throws IOException {
        List<String> ext = new ArrayList<>();
        ext.add("localhost greets you");
        if (config.extensions != null) {
            ext.addAll(config.extensions);
        } else {
            if (config.pipelining) {
                ext.add("PIPELINING");
            }
            ext.add("SIZE " + config.maxSize);
            ext.add("8BITMIME");
            ext.add("ENHANCEDSTATUSCODES");
            if (config.smtpUtf8) {
                ext.add("SMTPUTF8");
            }
            if (config.dsn) {
                ext.add("DSN");
            }
            if (config.startTls != null && !tls) {
                ext.add("STARTTLS");
            }
            if (config.username != null && (tls || !config.authRequiresTls)) {
                ext.add("AUTH PLAIN LOGIN XOAUTH2");
            }
        }
        for (int i = 0; i < ext.size(); i++) {
            reply("250" + (i < ext.size() - 1 ? "-" : " ") + ext.get(i));
        }
    }

    private void startTls() throws IOException {
        if (config.startTls == null || tls) {
            reply("454 4.7.0 TLS not available");
            return;
        }
        reply("220 2.0.0 Ready to start TLS");
        // Anything the client sent after STARTTLS in plaintext is dropped, never executed (CVE-2011-0411).
        upgrade();
        streams();
        reset();
        user = null;
    }

    private void auth(String line) throws IOException {
        String[] parts = line.split(" ");
        String mechanism = parts.length > 1 ? parts[1].toUpperCase(Locale.ROOT) : "";
        String user;
        String secret;
        if (mechanism.equals("PLAIN")) {
            String payload = parts.length > 2 ? parts[2] : challenge("");
            String[] fields = decode(payload).split("\u0000", -1);
            user = fields.length == 3 ? fields[1] : "";
            secret = fields.length == 3 ? fields[2] : "";
        } else if (mechanism.equals("LOGIN")) {
            user = decode(parts.length > 2 ? parts[2] : challenge("VXNlcm5hbWU6"));
            secret = decode(challenge("UGFzc3dvcmQ6"));
        } else if (mechanism.equals("XOAUTH2")) {
            String payload = decode(parts.length > 2 ? parts[2] : challenge(""));
            user = payload.replaceFirst("^user=([^\u0001]*)\u0001.*$", "$1");
            secret = payload.replaceFirst("^.*auth=Bearer ([^\u0001]*)\u0001.*$", "$1");
        } else {
            reply("504 5.5.4 Unrecognized authentication type");
            return;
        }
        if (config.username != null && config.username.equals(user) && config.password.equals(secret)) {
            this.user = user;
            reply("235 2.7.0 Authentication successful");
        } else {
            reply("535 5.7.8 Authentication credentials invalid");
        }
    }

    private String challenge(String text) throws IOException {
        reply("334 " + text);
        String response = in.readLine();
        server.commands.add(response == null ? "" : response);
        commands.add(response == null ? "" : response);
        arrived(response == null ? "" : response);
        return response == null ? "" : response;
    }

    private String decode(String b64) {
        try {
            return new String(Base64.getDecoder().decode(b64.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private void mail(String line) throws IOException {
        if (config.username != null && user == null) {
            reply("530 5.7.0 Authentication required");
            return;
        }
        if (!line.regionMatches(true, 0, "MAIL FROM:<", 0, 11) || line.indexOf('>') < 0) {
            reply("501 5.5.4 Syntax: MAIL FROM:<address>");
            return;
        }
        reset();
        mailFrom = line.substring(11, line.indexOf('>'));
        mailParams = line.substring(line.indexOf('>') + 1).strip();
        reply("250 2.1.0 Ok");
    }

    private void rcpt(String line) throws IOException {
        if (mailFrom == null) {
            reply("503 5.5.1 Error: need MAIL command");
            return;
        }
        if (!line.regionMatches(true, 0, "RCPT TO:<", 0, 9) || line.indexOf('>') < 0) {
            reply("501 5.5.4 Syntax: RCPT TO:<address>");
            return;
        }
        rcpts.add(line.substring(9, line.indexOf('>')));
        rcptParams.add(line.substring(line.indexOf('>') + 1).strip());
        reply("250 2.1.5 Ok");
    }

    private void data() throws IOException {
        if (mailFrom == null || rcpts.isEmpty()) {
            reply("554 5.5.1 Error: no valid recipients");
            return;
        }
        reply("354 End data with <CR><LF>.<CR><LF>");
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        byte[] line;
        if (config.dataTimeout != null) {
            socket.setSoTimeout((int) config.dataTimeout.toMillis());
        }
        try {
            line = in.readContent(wire, content);
        } catch (java.net.SocketTimeoutException e) {
            // Postfix: "421 4.4.2 Error: timeout exceeded", then it closes.
            reply("421 4.4.2 localhost Error: timeout exceeded");
            throw e;
        }
        socket.setSoTimeout(0);
        if (line == null) {
            return;
        }
        arrived(TestSmtpServer.CONTENT);
        // RFC 5321 section 4.1.1.4: the CRLF before the dot ends the last line of the data, so it stays.
        byte[] body = content.toByteArray();
        ReceivedMessage message = new ReceivedMessage(mailFrom, mailParams, rcpts, rcptParams, body, wire.toByteArray(), tls, user);
        if (perform(TestSmtpServer.DATA_END)) {
            // a scripted acceptance ("250 Thanks! Queued as: ...") still stores the message
            if (lastReply != null && lastReply.startsWith("2")) {
                server.messages.add(message);
            }
            reset();
            return;
        }
        server.messages.add(message);
        reset();
        reply("250 2.0.0 Ok: queued as Q" + server.queueIds.incrementAndGet());
    }

    private String lastReply;
    private final List<String> turn = new ArrayList<>();

    /** Adds what was just read to the current turn, which ends when the client sent nothing more before our reply. */
    private void arrived(String unit) throws IOException {
        turn.add(unit);
        if (!in.hasMore()) {
            endTurn();
        }
    }

    private void endTurn() {
        if (!turn.isEmpty()) {
            server.turns.add(List.copyOf(turn));
            turn.clear();
        }
    }

    private void reset() {
        mailFrom = null;
        mailParams = null;
        rcpts.clear();
        rcptParams.clear();
    }

    private void reply(String line) throws IOException {
        lastReply = line;
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        endTurn();
        server.open.remove(socket); // the TLS socket, after an upgrade
        socket.close();
    }
}

