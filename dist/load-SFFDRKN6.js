import {
  loadKnowledge,
  readKnowledge
} from "./chunk-VPHCATOQ.js";
import "./chunk-7DL6OGDQ.js";
export {
  loadKnowledge,
  readKnowledge
};
