package dev.mailgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What Maven Central requires of every published POM (https://central.sonatype.org/publish/requirements/): name,
 * description, url, licenses, developers and scm, here or inherited from the parent; and the BOM, which has no
 * parent, must carry them itself and list every published module so that importing it pins all of them.
 */
class PublicationMetadataTest {
    private static final Path ROOT = Path.of("..");
    /** Modules that are built but never published (each also sets maven.deploy.skip). */
    private static final Set<String> NOT_PUBLISHED = Set.of("examples", "benchmarks", "fuzz", "spring-boot-sample");

    @Test
    void theParentAndTheBomCarryEverythingCentralRequires() throws Exception {
        for (Path pom : List.of(ROOT.resolve("pom.xml"), ROOT.resolve("bom/pom.xml"))) {
            Element project = read(pom);
            for (String field : List.of("name", "description", "url")) {
                assertThat(text(project, field)).as(pom + " <" + field + ">").isNotBlank();
            }
            assertThat(child(project, "licenses")).as(pom + " <licenses>").isNotNull();
            assertThat(child(child(project, "licenses"), "license")).as(pom + " <license>").isNotNull();
            assertThat(child(project, "developers")).as(pom + " <developers>").isNotNull();
            Element scm = child(project, "scm");
            assertThat(scm).as(pom + " <scm>").isNotNull();
            assertThat(text(scm, "connection")).as(pom + " <scm><connection>").startsWith("scm:git:");
            assertThat(text(scm, "url")).as(pom + " <scm><url>").startsWith("https://");
        }
        assertThat(child(read(ROOT.resolve("bom/pom.xml")), "parent")).as("the BOM must not inherit our build").isNull();
    }

    @Test
    void everyPublishedModuleHasANameADescriptionAndIsInTheBom() throws Exception {
        Set<String> published = new TreeSet<>();
        for (String module : modules(read(ROOT.resolve("pom.xml")))) {
            if (module.equals("bom")) {
                continue;
            }
            Element project = read(ROOT.resolve(module).resolve("pom.xml"));
            String artifactId = text(project, "artifactId");
            assertThat(artifactId).as(module + " artifactId").isEqualTo("mailgate-" + module);
            assertThat(text(project, "name")).as(module + " <name>").isNotBlank();
            assertThat(text(project, "description")).as(module + " <description>").isNotBlank();
            if (NOT_PUBLISHED.contains(module)) {
                assertThat(Files.readString(ROOT.resolve(module).resolve("pom.xml")))
                        .as(module + " is not published").contains("<maven.deploy.skip>true</maven.deploy.skip>");
            } else {
                published.add(artifactId);
            }
        }
        Set<String> inBom = new TreeSet<>();
        Element managed = child(child(read(ROOT.resolve("bom/pom.xml")), "dependencyManagement"), "dependencies");
        for (Node n = managed.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element dependency && dependency.getTagName().equals("dependency")) {
                inBom.add(text(dependency, "artifactId"));
            }
        }
        assertThat(inBom).as("artifacts the BOM manages").isEqualTo(published);
    }

    private static List<String> modules(Element project) {
        List<String> modules = new ArrayList<>();
        for (Node n = child(project, "modules").getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element module) {
                modules.add(module.getTextContent().strip());
            }
        }
        return modules;
    }

    private static Element read(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(pom.toFile());
        return document.getDocumentElement();
    }

    /** A direct child element (not a descendant: a dependency's name must not count as the project's). */
    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? "" : e.getTextContent().strip();
    }
}
