package dev.leadkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks leadkit-bom against the build: every published module (and the contract test-jar of
 * every module that builds one) is listed at the project's version, and nothing else is.
 *
 * <p>The BOM has no parent, so its effective dependencyManagement is exactly what its file
 * says; reading the file is enough. A module counts as published unless its POM skips
 * maven-deploy-plugin, as leadkit-examples and leadkit-benchmarks do.
 */
class BomContentsTest {

  private static final String GROUP = "dev.leadkit";
  private static final String BOM = "leadkit-bom";

  private static Path root;
  private static Element rootPom;
  private static Element bomPom;

  @BeforeAll
  static void readPoms() throws Exception {
    // surefire runs in the module's directory; the reactor root is one level up
    root = Path.of("..").toAbsolutePath().normalize();
    rootPom = read(root.resolve("pom.xml"));
    assertThat(text(rootPom, "artifactId")).isEqualTo("leadkit-parent");
    bomPom = read(root.resolve(BOM).resolve("pom.xml"));
  }

  @Test
  void bomIsBuiltWithTheReactorAtTheProjectVersionWithoutAParent() {
    assertThat(children(child(rootPom, "modules").orElseThrow(), "module"))
        .extracting(Element::getTextContent)
        .contains(BOM);
    assertThat(child(bomPom, "parent"))
        .as("a parent would leak its third-party dependencyManagement into hosts")
        .isEmpty();
    assertThat(text(bomPom, "groupId")).isEqualTo(GROUP);
    assertThat(text(bomPom, "artifactId")).isEqualTo(BOM);
    assertThat(text(bomPom, "packaging")).isEqualTo("pom");
    assertThat(text(bomPom, "version")).isEqualTo(projectVersion());
  }

  @Test
  void bomListsEveryPublishedArtifactAndNothingElse() throws Exception {
    Set<String> expected = new TreeSet<>();
    for (Element module : children(child(rootPom, "modules").orElseThrow(), "module")) {
      String name = module.getTextContent().trim();
      Element pom = read(root.resolve(name).resolve("pom.xml"));
      if (name.equals(BOM) || deploySkipped(pom)) {
        continue;
      }
      String artifactId = text(pom, "artifactId");
      expected.add(GROUP + ":" + artifactId + ":jar");
      if (buildsTestJar(pom)) {
        expected.add(GROUP + ":" + artifactId + ":test-jar");
      }
    }
    // sanity: the four library modules are published, the examples and benchmarks are not
    assertThat(expected)
        .contains(GROUP + ":leadkit-core:jar", GROUP + ":leadkit-scoring:jar",
            GROUP + ":leadkit-journey:jar", GROUP + ":leadkit-jdbc:jar",
            GROUP + ":leadkit-console:jar",
            GROUP + ":leadkit-core:test-jar")
        .noneMatch(c -> c.contains("leadkit-examples") || c.contains("leadkit-benchmarks"));

    List<String> listed = new ArrayList<>();
    Element management = child(bomPom, "dependencyManagement").orElseThrow();
    for (Element dep : children(child(management, "dependencies").orElseThrow(), "dependency")) {
      String coordinate = text(dep, "groupId") + ":" + text(dep, "artifactId") + ":"
          + child(dep, "type").map(Element::getTextContent).orElse("jar");
      String version = text(dep, "version").replace("${project.version}", text(bomPom, "version"));
      assertThat(version).as("version of %s", coordinate).isEqualTo(projectVersion());
      assertThat(child(dep, "scope")).as("scope of %s (no imported BOMs)", coordinate).isEmpty();
      listed.add(coordinate);
    }
    assertThat(listed).doesNotHaveDuplicates();
    assertThat(new TreeSet<>(listed)).isEqualTo(expected);
  }

  @Test
  void bomDeclaresNoDependenciesAndRunsNoPlugins() {
    assertThat(child(bomPom, "dependencies")).isEmpty();
    assertThat(child(bomPom, "profiles")).isEmpty();
    // plugin versions may be pinned (pluginManagement never reaches an importing host)
    assertThat(child(bomPom, "build").flatMap(b -> child(b, "plugins"))).isEmpty();
  }

  private static String projectVersion() {
    return text(rootPom, "version");
  }

  private static boolean deploySkipped(Element pom) {
    return plugin(pom, "maven-deploy-plugin")
        .flatMap(p -> child(p, "configuration"))
        .flatMap(c -> child(c, "skip"))
        .map(s -> s.getTextContent().trim().equals("true"))
        .orElse(false);
  }

  private static boolean buildsTestJar(Element pom) {
    return plugin(pom, "maven-jar-plugin")
        .flatMap(p -> child(p, "executions"))
        .map(e -> children(e, "execution").stream()
            .flatMap(x -> child(x, "goals").stream())
            .flatMap(g -> children(g, "goal").stream())
            .anyMatch(g -> g.getTextContent().trim().equals("test-jar")))
        .orElse(false);
  }

  private static Optional<Element> plugin(Element pom, String artifactId) {
    return child(pom, "build")
        .flatMap(b -> child(b, "plugins"))
        .flatMap(ps -> children(ps, "plugin").stream()
            .filter(p -> text(p, "artifactId").equals(artifactId))
            .findFirst());
  }

  private static Element read(Path pom) throws Exception {
    if (!Files.isRegularFile(pom)) {
      throw new IOException("no POM at " + pom);
    }
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc = factory.newDocumentBuilder().parse(pom.toFile());
    return doc.getDocumentElement();
  }

  private static String text(Element parent, String name) {
    return child(parent, name)
        .map(e -> e.getTextContent().trim())
        .orElseThrow(() -> new AssertionError("<" + name + "> missing in <"
            + parent.getTagName() + ">"));
  }

  private static Optional<Element> child(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** Direct child elements only, so that e.g. a plugin's artifactId is not taken for the POM's. */
  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }
}
