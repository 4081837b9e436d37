package dev.jlance.file;

import dev.jlance.SchemaMismatchException;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** Checks that a batch has the writer's schema and says how it differs when it does not. */
final class SchemaCheck {

    private SchemaCheck() {
    }

    static void requireSame(Schema expected, Schema actual) {
        List<Field> want = expected.getFields();
        List<Field> got = actual.getFields();
        for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
            compare(want.get(i), got.get(i), i);
        }
        if (got.size() > want.size()) {
            throw new SchemaMismatchException("batch has " + got.size() + " columns, the writer's schema has "
                    + want.size() + ": unexpected extra column '" + got.get(want.size()).getName() + "' at position "
                    + want.size());
        }
        if (got.size() < want.size()) {
            throw new SchemaMismatchException("batch has " + got.size() + " columns, the writer's schema has "
                    + want.size() + ": column '" + want.get(got.size()).getName() + "' is missing");
        }
    }

    private static void compare(Field want, Field got, int position) {
        if (!want.getName().equals(got.getName())) {
            throw new SchemaMismatchException("column " + position + " is named '" + got.getName()
                    + "' in the batch but '" + want.getName() + "' in the writer's schema");
        }
        if (!want.getType().equals(got.getType())) {
            throw new SchemaMismatchException("column '" + want.getName() + "' has type " + got.getType()
                    + " in the batch but " + want.getType() + " in the writer's schema");
        }
        if (want.isNullable() != got.isNullable()) {
            throw new SchemaMismatchException("column '" + want.getName() + "' is "
                    + (got.isNullable() ? "nullable" : "not nullable") + " in the batch but "
                    + (want.isNullable() ? "nullable" : "not nullable") + " in the writer's schema");
        }
        if (want.getDictionary() != null || got.getDictionary() != null) {
            if (want.getDictionary() == null || !want.getDictionary().equals(got.getDictionary())) {
                throw new SchemaMismatchException("column '" + want.getName() + "' differs in dictionary encoding");
            }
        }
        if (want.getChildren().size() != got.getChildren().size()) {
            throw new SchemaMismatchException("column '" + want.getName() + "' has " + got.getChildren().size()
                    + " children in the batch but " + want.getChildren().size() + " in the writer's schema");
        }
        for (int i = 0; i < want.getChildren().size(); i++) {
            compare(want.getChildren().get(i), got.getChildren().get(i), i);
        }
    }
}
