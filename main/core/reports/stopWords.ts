// Words too common to say anything about what the audience talks about, in English and Italian.

const ENGLISH = `a about above after again against all am an and any are aren't as at be because been before being below between both
but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each few for from further get got had
hadn't has hasn't have haven't having he her here hers herself him himself his how i i'm i've if in into is isn't it it's its
itself just let's like me more most much my myself no nor not now of off on once only or other ought our ours ourselves out over
own really same she should shouldn't so some such than that that's the their theirs them themselves then there there's these
they they're this those through to too under until up very was wasn't we we're were weren't what what's when where which while
who whom why will with won't would wouldn't you you're your yours yourself yourselves also one yes yeah ok okay still even
via amp rt thanks thank`;

const ITALIAN = `a ad al alla alle allo agli ai anche ancora avere aveva avevo che chi ci come con contro cui da dal dalla dalle dagli
dai de degli dei del della delle dello di dove e è ed era erano essere fa fare fino gli ha hai hanno ho il in io la le lei li lo
loro lui ma me mi mia mie miei mio molto ne nei nel nella nelle negli no noi non nostra nostro o per perché però più poi quale
quando quanto quella quelle quelli quello questa queste questi questo se sei si sia siamo siete sono su sua sue sui sul sulla
suo suoi ti tra tu tua tue tuo tuoi tutti tutto un una uno vi voi vostro c'è cosa così già qui solo stato sta sto grazie ciao
ogni pure però tanto fatto fa`;

export const STOP_WORDS: ReadonlySet<string> = new Set(`${ENGLISH} ${ITALIAN}`.split(/\s+/).filter(Boolean));
