import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON array of OpenShift objects on stdin and prints a JSON array of results, one per object:
 * {"ok", "errors": [...]}. Each object is read into the class of its kind from fabric8's OpenShift model
 * (generated from OpenShift's API types, e.g. io.fabric8.openshift.api.model.Route) with no type coercion,
 * so a wrong type is an error; the model keeps unknown fields in each class's additionalProperties, so every
 * one of them, at any depth, is reported with its JSON path, as `kubectl apply --validate=strict` would.
 */
public class OpenShiftSchemaCheck {
  private static final String MODELS = "io.fabric8.openshift.api.model.";

  private static final ObjectMapper MAPPER = strictMapper();

  public static void main(String[] args) throws Exception {
    ArrayNode results = MAPPER.createArrayNode();
    for (JsonNode object : MAPPER.readTree(System.in)) {
      List<String> errors = new ArrayList<>();
      check(object, errors);
      ObjectNode result = results.addObject();
      result.put("ok", errors.isEmpty());
      errors.forEach(result.putArray("errors")::add);
    }
    System.out.println(results);
  }

  private static ObjectMapper strictMapper() {
    JsonMapper mapper = JsonMapper.builder()
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS) // "8080" is not an integer, "true" not a boolean
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .build();
    for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean}) {
      mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail); // 1 is not a string
    }
    return mapper;
  }

  private static void check(JsonNode object, List<String> errors) {
    String apiVersion = object.path("apiVersion").asText();
    String kind = object.path("kind").asText();
    Class<?> model = modelOf(apiVersion, kind);
    if (model == null) {
      errors.add("the OpenShift model has no " + kind + " in " + apiVersion);
      return;
    }
    try {
      reportUnknownFields(MAPPER.treeToValue(object, model), "", errors);
    } catch (JsonMappingException e) {
      // Jackson's first line says what is wrong; its hint about coercion settings is beside the point here.
      errors.add(pathOf(e) + ": " + e.getOriginalMessage().split("\n")[0].replaceFirst(" \\(but (might|could) if coercion.*$", ""));
    } catch (Exception e) {
      errors.add("/: " + e.getMessage());
    }
  }

  /** The model class of a kind, if its @Group/@Version say it serves that apiVersion. */
  private static Class<?> modelOf(String apiVersion, String kind) {
    try {
      Class<?> model = Class.forName(MODELS + kind);
      Group group = model.getAnnotation(Group.class);
      Version version = model.getAnnotation(Version.class);
      return group != null && version != null && apiVersion.equals(group.value() + "/" + version.value()) ? model : null;
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  /** Walks the object graph as Jackson sees it, reporting every field a model class kept as unknown. */
  private static void reportUnknownFields(Object value, String path, List<String> errors) {
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) reportUnknownFields(list.get(i), path + "/" + i, errors);
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((key, item) -> reportUnknownFields(item, path + "/" + key, errors));
    } else if (value != null && value.getClass().getName().startsWith("io.fabric8.")) {
      for (BeanPropertyDefinition property : MAPPER.getSerializationConfig()
          .introspect(MAPPER.constructType(value.getClass())).findProperties()) {
        if (property.hasGetter() && !property.getName().equals("additionalProperties")) {
          reportUnknownFields(property.getGetter().getValue(value), path + "/" + property.getName(), errors);
        }
      }
      try {
        Object unknown = value.getClass().getMethod("getAdditionalProperties").invoke(value);
        if (unknown instanceof Map<?, ?> fields) {
          fields.keySet().forEach(field -> errors.add((path.isEmpty() ? "/" : path) + ": unknown field '" + field + "'"));
        }
      } catch (NoSuchMethodException e) {
        // a class without additionalProperties rejects unknown fields while reading
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** "/spec/port/targetPort" from Jackson's reference chain. */
  private static String pathOf(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      path.append('/').append(reference.getFieldName() != null ? reference.getFieldName() : String.valueOf(reference.getIndex()));
    }
    return path.length() == 0 ? "/" : path.toString();
  }
}
