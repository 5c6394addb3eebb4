/** llama.cpp's token types (`tokenizer.ggml.token_type`): grammars need them to tell text from control tokens. */
export const TokenType = {normal: 1, unknown: 2, control: 3, userDefined: 4, unused: 5, byte: 6} as const;

/** A SentencePiece-style vocabulary as llama.cpp's `llama` tokenizer reads it. */
export interface Vocabulary {
    tokens: string[];
    scores: Float32Array;
    types: Int32Array;
    unknownId: number;
    bosId: number;
    eosId: number;
    chatTemplate: string;
}

/** SentencePiece writes a space as U+2581 and attaches it to the following word. */
export const SPACE_MARK = "\u2581";

export const CHATML_TEMPLATE =
    "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}" +
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

const SPECIAL_TOKENS = ["<unk>", "<s>", "</s>", "<|im_start|>", "<|im_end|>"] as const;

/**
 * Builds a vocabulary: the special tokens (ChatML's included, `<|im_end|>` ends a turn), the 256
 * byte-fallback tokens `<0x00>`…`<0xFF>` (so any text can be tokenized), every printable ASCII
 * character, then `pieces` in order of preference. Every prefix of a piece is added before it,
 * because the SentencePiece tokenizer only reaches a piece by merging pieces it already has.
 */
export function buildVocabulary(pieces: Iterable<string>, size = Infinity): Vocabulary {
    const tokens: string[] = [...SPECIAL_TOKENS];
    const types: number[] = [TokenType.unknown, TokenType.control, TokenType.control, TokenType.control, TokenType.control];
    for (let byte = 0; byte < 256; byte++) {
        tokens.push(`<0x${byte.toString(16).toUpperCase().padStart(2, "0")}>`);
        types.push(TokenType.byte);
    }
    const seen = new Set<string>(tokens);
    const add = (piece: string) => {
        if (seen.has(piece) || tokens.length >= size)
            return;
        seen.add(piece);
        tokens.push(piece);
        types.push(TokenType.normal);
    };
    add(SPACE_MARK);
    for (let code = 0x21; code < 0x7f; code++)
        add(String.fromCharCode(code));
    for (const piece of pieces) {
        const marked = piece.replaceAll(" ", SPACE_MARK);
        for (let end = 1; end <= marked.length; end++)
            add(marked.slice(0, end));
        if (tokens.length >= size)
            break;
    }
    const scores = new Float32Array(tokens.length);
    for (let index = 0; index < tokens.length; index++)
        scores[index] = types[index] === TokenType.normal ? -index : 0;
    return {
        tokens,
        scores,
        types: Int32Array.from(types),
        unknownId: 0,
        bosId: 1,
        eosId: tokens.indexOf("<|im_end|>"),
        chatTemplate: CHATML_TEMPLATE
    };
}

/**
 * Pieces shaped like a real tokenizer's: the most frequent substrings (up to 12 characters) of
 * the words of `corpus`, a word keeping its leading space mark as SentencePiece does.
 * Deterministic for a given corpus.
 */
export function frequentPieces(corpus: string, count: number): string[] {
    const counts = new Map<string, number>();
    for (const word of corpus.split(/(?=\s)/)) {
        const marked = word.replace(/^\s+/, SPACE_MARK);
        for (let start = 0; start < marked.length; start++) {
            for (let end = start + 2; end <= Math.min(marked.length, start + 12); end++) {
                const piece = marked.slice(start, end);
                counts.set(piece, (counts.get(piece) ?? 0) + 1);
            }
        }
    }
    return [...counts]
        .sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || (a[0] < b[0] ? -1 : 1))
        .slice(0, count)
        .map(([piece]) => piece);
}
