package org.sanctuarycity.workflow.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A newcomer follows the file names that code comments, DMN annotations and documents give. This test follows
 * them too: every repository path named in README.md, SECURITY.md, docs/, bpmn/, forms/ and src/ must exist, and
 * every relative Markdown link must lead to a file. A document that is moved or renamed without its references
 * fails here.
 */
class DocumentReferencesTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();

    /** Paths from the repository root; a placeholder such as {@code <lang>} or a glob ends the match early. */
    private static final Pattern REPO_PATH = Pattern.compile(
            "(?<![\\w/.-])((?:docs|bpmn|forms|src|\\.ci)/[\\w./-]*\\w\\.(?:md|bpmn|dmn|form|java|properties|yaml|sql|json|tsv|js|css|html|xml))(?![\\w<*{])");

    /** Relative Markdown links: {@code [text](docs/x.md#anchor)}. */
    private static final Pattern MD_LINK = Pattern.compile("\\]\\((?!https?:|mailto:|#|/)([^)#\\s]+)(?:#[^)]*)?\\)");

    @Test
    void everyFileNamedInCodeAndDocumentsExists() {
        List<String> missing = new ArrayList<>();
        for (Path file : sources()) {
            String text = read(file);
            Matcher m = REPO_PATH.matcher(text);
            while (m.find()) {
                String named = m.group(1);
                if (!Files.exists(ROOT.resolve(named))) {
                    missing.add(ROOT.relativize(file) + " names " + named);
                }
            }
            if (file.toString().endsWith(".md")) {
                Matcher link = MD_LINK.matcher(text);
                while (link.find()) {
                    Path target = file.getParent().resolve(link.group(1)).normalize();
                    if (!Files.exists(target)) {
                        missing.add(ROOT.relativize(file) + " links to " + link.group(1));
                    }
                }
            }
        }
        assertThat(missing).as("references to files that do not exist").isEmpty();
    }

    @Test
    void theDocumentsANewcomerIsSentToExist() {
        // The README's map of the project; each must exist and say something.
        for (String doc : List.of("LICENSE", "docs/domain.md", "docs/processes.md", "docs/changing-a-process.md",
                "docs/api.md", "docs/operations.md", "docs/testing.md", "docs/architecture.md", "docs/legal.md",
                "docs/transparency.md", "docs/bench/history.md", "mvnw")) {
            assertThat(ROOT.resolve(doc)).as(doc).isRegularFile();
            assertThat(read(ROOT.resolve(doc))).as(doc).hasSizeGreaterThan(200);
        }
    }

    @Test
    void theMatcherFindsAMissingFile() {
        // Guards the test itself: a pattern that matched nothing would pass every tree.
        Matcher m = REPO_PATH.matcher("see docs/no-such-page.md and bpmn/federal-request.bpmn, not forms/<name>.form");
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        assertThat(found).containsExactly("docs/no-such-page.md", "bpmn/federal-request.bpmn");
        assertThat(ROOT.resolve(found.get(0))).doesNotExist();
    }

    private static List<Path> sources() {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("SECURITY.md")));
        for (String dir : List.of("docs", "bpmn", "forms", "src/main", "src/test")) {
            try (Stream<Path> walk = Files.walk(ROOT.resolve(dir))) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> p.toString().matches(".*\\.(md|java|bpmn|dmn|form|yaml|properties|sql|js)$"))
                        .filter(p -> !p.getFileName().toString().equals("DocumentReferencesTest.java"))
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
