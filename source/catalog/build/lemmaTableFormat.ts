/** The format of catalog/lemmas.json; apart from buildLemmaTable.ts so that reading the table never loads wink-nlp. */
export const LEMMA_TABLE_FORMAT_VERSION = 1;
