import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a JSON array of Kubernetes objects on stdin and prints a JSON array of results, one per object:
 * {"kind", "name", "ok", "error"}. Core objects are checked whole against the model class of their kind
 * (e.g. V1Deployment); custom resources only have their metadata checked (as V1ObjectMeta), since their
 * spec belongs to the CRD's own schema.
 */
public class KubeSchemaCheck {
  private static final String MODELS = "io.kubernetes.client.openapi.models.";

  public static void main(String[] args) throws Exception {
    JsonArray docs = JsonParser.parseReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).getAsJsonArray();
    JsonArray results = new JsonArray();
    for (JsonElement doc : docs) {
      JsonObject object = doc.getAsJsonObject();
      String apiVersion = object.get("apiVersion").getAsString();
      String kind = object.get("kind").getAsString();
      JsonObject result = new JsonObject();
      result.addProperty("kind", kind);
      result.addProperty("apiVersion", apiVersion);
      try {
        boolean custom = isCustomGroup(apiVersion);
        String model = custom ? "V1ObjectMeta" : modelPrefix(apiVersion) + kind;
        JsonElement target = custom ? object.get("metadata") : object;
        Class.forName(MODELS + model).getMethod("validateJsonElement", JsonElement.class).invoke(null, target);
        result.addProperty("ok", true);
      } catch (InvocationTargetException e) {
        result.addProperty("ok", false);
        result.addProperty("error", String.valueOf(e.getCause().getMessage()));
      } catch (ClassNotFoundException e) {
        result.addProperty("ok", false);
        result.addProperty("error", "no Kubernetes model for " + apiVersion + " " + kind);
      }
      results.add(result);
    }
    System.out.println(results);
  }

  /** Groups with a dot are custom (kafka.strimzi.io) unless they are Kubernetes' own (*.k8s.io). */
  private static boolean isCustomGroup(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    return group.contains(".") && !group.endsWith(".k8s.io");
  }

  /** "apps/v1" -> "V1", "autoscaling/v2" -> "V2", "v1" -> "V1". */
  private static String modelPrefix(String apiVersion) {
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    return Character.toUpperCase(version.charAt(0)) + version.substring(1);
  }
}
