package dev.mailgate.cli.completion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.cli.CliRun;
import dev.mailgate.cli.ExitCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionCommandTest {
    @TempDir
    Path dir;

    @Test
    void theScriptCompletesSubcommandsAndOptionsInARealBash() throws Exception {
        CliRun cli = new CliRun();
        assertThat(cli.run("completion")).as(cli.err()).isEqualTo(ExitCodes.OK);
        Path script = dir.resolve("mailgate-completion.bash");
        Files.writeString(script, cli.out());

        assertThat(complete(script, "mailgate", "sm")).containsExactly("smtp");
        assertThat(complete(script, "mailgate", "smtp", "test", "--allow")).containsExactly("--allow-plaintext-auth");
        assertThat(complete(script, "mailgate", "webhook", "")).contains("decode", "serve");
        assertThat(complete(script, "mailgate", "")).contains("send", "completion", "render", "imap");
    }

    /** What bash offers for the last word, as when Tab is pressed after {@code words}. */
    private List<String> complete(Path script, String... words) throws IOException, InterruptedException {
        StringBuilder array = new StringBuilder();
        for (String w : words) {
            array.append(" '").append(w).append('\'');
        }
        String program = "source '" + script + "'\n"
                + "COMP_WORDS=(" + array + ")\nCOMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE=\"${COMP_WORDS[*]}\"\nCOMP_POINT=${#COMP_LINE}\n"
                + "_complete_mailgate\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process bash = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", program)
                // compopt complains outside a real completion; the candidates are on standard output
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(output).isZero();
        return output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
