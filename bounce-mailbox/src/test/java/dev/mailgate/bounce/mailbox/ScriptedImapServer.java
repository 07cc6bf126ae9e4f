package dev.mailgate.bounce.mailbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Just enough of an IMAP4rev1 server (RFC 3501) to log in, list, create and select folders, behaving as Dovecot 2.3
 * does where the poller met trouble: hierarchy separator {@code .}, a CREATE of a name with {@code /} refused with
 * "NO [CANNOT] Name must not have '/' characters", and AUTHENTICATE XOAUTH2 (SASL-IR, RFC 4959) that checks the
 * client's string byte for byte. GreenMail has no XOAUTH2 and a different separator; this is the peer for those.
 * The folder has no messages.
 */
final class ScriptedImapServer implements AutoCloseable {
    private final ServerSocket socket;
    private final String user;
    private final String token;
    private final Set<String> folders = ConcurrentHashMap.newKeySet();
    /** Every command line received, for assertions. */
    final List<String> commands = new CopyOnWriteArrayList<>();
    private final Thread thread;

    ScriptedImapServer(String user, String token) throws IOException {
        this.user = user;
        this.token = token;
        folders.add("INBOX");
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "scripted-imap");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    Set<String> folders() {
        return Set.copyOf(folders);
    }

    private void serve() {
        // a connection per thread: Angus opens a second one for the selected folder
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                Thread t = new Thread(() -> {
                    try (s) {
                        session(s);
                    } catch (IOException e) {
                        // the client went away
                    }
                }, "scripted-imap-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                // the server was closed
            }
        }
    }

    private void session(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
        OutputStream out = s.getOutputStream();
        String caps = "IMAP4rev1 NAMESPACE SASL-IR AUTH=XOAUTH2";
        send(out, "* OK [CAPABILITY " + caps + "] scripted Dovecot ready.");
        String line;
        while ((line = in.readLine()) != null) {
            commands.add(line);
            List<String> args = words(line);
            if (args.size() < 2) {
                send(out, "* BAD no command");
                continue;
            }
            String tag = args.get(0);
            String command = args.get(1).toUpperCase();
            switch (command) {
                case "CAPABILITY" -> send(out, "* CAPABILITY " + caps, tag + " OK done");
                case "AUTHENTICATE" -> {
                    String response = args.size() > 3 ? args.get(3) : null;
                    if (response == null) {
                        send(out, "+ ");
                        response = in.readLine();
                    }
                    String expected = "user=" + user + "\u0001auth=Bearer " + token + "\u0001\u0001";
                    String got = new String(Base64.getDecoder().decode(response.strip()), StandardCharsets.UTF_8);
                    if (args.get(2).equalsIgnoreCase("XOAUTH2") && got.equals(expected)) {
                        send(out, tag + " OK [CAPABILITY IMAP4rev1 NAMESPACE] Logged in");
                    } else {
                        send(out, tag + " NO [AUTHENTICATIONFAILED] Authentication failed.");
                    }
                }
                case "LOGIN" -> send(out, tag + " NO [AUTHENTICATIONFAILED] Plaintext login is not offered here.");
                case "NAMESPACE" -> send(out, "* NAMESPACE ((\"\" \".\")) NIL NIL", tag + " OK done");
                case "LIST" -> {
                    String pattern = args.size() > 3 ? args.get(3) : "";
                    List<String> lines = new ArrayList<>();
                    if (pattern.isEmpty()) {
                        lines.add("* LIST (\\Noselect) \".\" \"\"");
                    } else {
                        for (String f : folders) {
                            if (pattern.equals("*") || pattern.equals("%") || pattern.equalsIgnoreCase(f)) {
                                lines.add("* LIST () \".\" \"" + f + "\"");
                            }
                        }
                    }
                    lines.add(tag + " OK List completed.");
                    send(out, lines.toArray(String[]::new));
                }
                case "CREATE" -> {
                    String name = args.get(2);
                    if (name.contains("/")) {
                        send(out, tag + " NO [CANNOT] Name must not have '/' characters.");
                    } else if (name.startsWith("Shared")) {
                        send(out, tag + " NO [NOPERM] Permission denied.");
                    } else {
                        folders.add(name);
                        send(out, tag + " OK Create completed.");
                    }
                }
                case "SELECT", "EXAMINE" -> send(out, "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)", "* 0 EXISTS", "* 0 RECENT",
                        "* OK [UIDVALIDITY 1] UIDs valid", "* OK [UIDNEXT 1] Predicted next UID",
                        tag + " OK [READ-WRITE] Select completed.");
                case "LOGOUT" -> {
                    send(out, "* BYE Logging out", tag + " OK Logout completed.");
                    return;
                }
                default -> send(out, tag + " OK " + command + " completed.");
            }
        }
    }

    /** The words of a command line, quoted strings unquoted. */
    private static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == ' ') {
                i++;
            } else if (c == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                while (i < line.length() && line.charAt(i) != '"') {
                    if (line.charAt(i) == '\\' && i + 1 < line.length()) {
                        i++;
                    }
                    b.append(line.charAt(i++));
                }
                i++;
                out.add(b.toString());
            } else {
                int end = line.indexOf(' ', i);
                end = end < 0 ? line.length() : end;
                out.add(line.substring(i, end));
                i = end;
            }
        }
        return out;
    }

    private static void send(OutputStream out, String... lines) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l).append("\r\n");
        }
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
