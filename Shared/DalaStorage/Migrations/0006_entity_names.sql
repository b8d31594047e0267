-- Entity labels and aliases as rows, one per language (issue 12): a language added to the registry
-- (Shared/DalaLanguages/Resources/languages.tsv) needs no column, no migration and no API change.
-- The data of entities.label_en/label_ru/label_kk and entities.aliases moves here, then those columns go.

CREATE TABLE entity_names (
    entity_id  text NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    kind       text NOT NULL CHECK (kind IN ('label', 'alias')),
    lang       text NOT NULL DEFAULT '',    -- a registry code; '' when the language is not known (aliases so far)
    position   integer NOT NULL DEFAULT 0,  -- the order the analyser gave (aliases); 0 for a label
    name       text NOT NULL,
    PRIMARY KEY (entity_id, kind, lang, position)
);
-- GET /v1/entities?name=: any label or alias, case-insensitively.
CREATE INDEX entity_names_lower_idx ON entity_names (lower(name));

INSERT INTO entity_names (entity_id, kind, lang, position, name)
SELECT e.id, 'label', l.lang, 0, l.name
FROM entities e, LATERAL (VALUES ('en', e.label_en), ('ru', e.label_ru), ('kk', e.label_kk)) AS l(lang, name)
WHERE l.name IS NOT NULL AND l.name <> '';

INSERT INTO entity_names (entity_id, kind, lang, position, name)
SELECT e.id, 'alias', '', a.ord - 1, a.name
FROM entities e, unnest(e.aliases) WITH ORDINALITY AS a(name, ord)
WHERE a.name IS NOT NULL;

ALTER TABLE entities DROP COLUMN label_en, DROP COLUMN label_ru, DROP COLUMN label_kk, DROP COLUMN aliases;
DROP FUNCTION dala_lower_array(text[]);
