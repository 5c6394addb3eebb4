/**
 * Hand-written inflection rules: the fallback of the normaliser (source/retrieval/text.ts) for words
 * the lemma table (catalog/lemmas.json, built with wink-nlp) does not know, such as a user's own
 * names, and for words wink-nlp's model does not know either ("subnets", "vpcs").
 */

/** Folds a plural to its singular; deliberately simple. */
export function ruleSingular(word: string): string {
    if (word.length <= 3 || !word.endsWith("s") || /(ss|us|is)$/.test(word))
        return word;
    if (word.endsWith("ies") && word.length > 4)
        return word.slice(0, -3) + "y";
    if (/(sses|xes|ches|shes)$/.test(word))
        return word.slice(0, -2);
    return word.slice(0, -1);
}

/** The word, then the base forms it may have as a verb or a plural: candidates, some of them not words. */
export function ruleLemmas(word: string): string[] {
    const forms = [word];
    const add = (form: string) => {
        if (form.length >= 2 && !forms.includes(form))
            forms.push(form);
    };
    if (word.endsWith("ies"))
        add(word.slice(0, -3) + "y");
    if (word.endsWith("es"))
        add(word.slice(0, -2));
    if (word.endsWith("s"))
        add(word.slice(0, -1));
    for (const suffix of ["ing", "ed"]) {
        if (!word.endsWith(suffix) || word.length <= suffix.length + 2)
            continue;
        const stem = word.slice(0, -suffix.length);
        add(stem);
        add(stem + "e");
        if (/([b-df-hj-np-tv-z])\1$/.test(stem))
            add(stem.slice(0, -1));
        if (stem.endsWith("i"))
            add(stem.slice(0, -1) + "y");
    }
    return forms;
}

/** The words of a CamelCase name as written, lower case: `GetObjectTagging` → get, object, tagging; `DBInstances` → db, instances. */
export function camelWords(name: string): string[] {
    return (name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? [name]).map((word) => word.toLowerCase());
}
